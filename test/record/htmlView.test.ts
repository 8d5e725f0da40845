import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipemux, record, renderHtmlView, ReplayError } from '../../src/index.js';
import { toPlayerRecording } from '../../src/record/playerRecording.js';
import { collect } from '../helpers/collect.js';
import { nodeFixture } from '../helpers/fixtures.js';
import { useTempDir } from '../helpers/tempDir.js';
import { piece } from './helpers.js';

const dir = useTempDir('pipemux-html-test-');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The little of the DOM the page callbacks use: the test tsconfig has no "dom" lib. */
interface PageElement {
  textContent: string | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
  ownerDocument: { defaultView: { getComputedStyle(element: PageElement): { color: string } } | null };
}

let browser: Browser | undefined;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
});

/** Opens a page, lets the player play the recording to its end, and reads the terminal's lines and their colours. */
async function playInBrowser(htmlPath: string) {
  const page = await browser!.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('request', (request) => {
    if (!request.url().startsWith('file:') && !request.url().startsWith('data:') && !request.url().startsWith('blob:'))
      problems.push(`network: ${request.url()}`);
  });
  try {
    await page.goto(pathToFileURL(htmlPath).href);
    await page.waitForSelector('body[data-playback="ended"]', { timeout: 20_000 });
    const lines = await page.$$eval('.ap-term-text .ap-line', (rows: PageElement[]) =>
      rows.map((row) => ({
        text: (row.textContent ?? '').trimEnd(),
        colours: [...row.querySelectorAll('span')]
          .filter((span) => (span.textContent ?? '').trim() !== '')
          .map((span) => span.ownerDocument.defaultView!.getComputedStyle(span).color),
      })),
    );
    const status = await page.textContent('#exit-status');
    return { lines: lines.filter((line) => line.text !== ''), status, problems };
  } finally {
    await page.close();
  }
}

describe('HTML view', () => {
  it('plays a v3 recording in headless Chromium: the text as written, stderr in another colour, the exit status', async () => {
    const cast = join(dir(), 'session.cast');
    const writes = [piece('out', 'compiling <main.c> & "util.c"\n'), piece('err', 'warning: unused variable\n'), piece('out', 'done: 2 files </script>\n')];
    await collect(pipemux(...nodeFixture('answer-then-write.mjs', '4', '--gap=2', ...writes), { stdin: 'go\n' }).pipe(record(cast)));
    const html = join(dir(), 'session.html');
    await writeFile(html, await renderHtmlView(cast));

    const { lines, status, problems } = await playInBrowser(html);
    expect(problems).toEqual([]);
    expect(lines.map((line) => line.text).sort()).toEqual(
      ['compiling <main.c> & "util.c"', 'done: 2 files </script>', 'warning: unused variable', 'you said go'].sort(),
    );
    const colourOf = (text: string) => lines.find((line) => line.text === text)!.colours;
    const stdoutColour = colourOf('you said go')[0];
    expect(colourOf('compiling <main.c> & "util.c"')).toEqual([stdoutColour]);
    expect(colourOf('warning: unused variable')).toHaveLength(1);
    expect(colourOf('warning: unused variable')[0]).not.toBe(stdoutColour);
    expect(status).toBe('exit status 4');
  });

  it('is one self-contained page: the player and the recording inlined, nothing loaded from elsewhere', async () => {
    const cast = join(dir(), 'small.cast');
    await collect(pipemux('echo', ['hi']).pipe(record(cast)));
    const html = await renderHtmlView(cast);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
    expect(html).toContain('AsciinemaPlayer');
    expect(html).toContain(JSON.stringify(await readFile(cast, 'utf8')).replace(/</g, '\\u003c'));
  });

  it('refuses a bad recording with a ReplayError naming the file and line, instead of making a broken page', async () => {
    const cast = join(dir(), 'bad.cast');
    await writeFile(cast, '{"version": 3, "term": {"cols": 80, "rows": 24}}\n[1, "o", "fine"]\n[oops\n');
    const error = await renderHtmlView(cast).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ReplayError);
    expect((error as ReplayError).line).toBe(3);
  });

  it('toPlayerRecording: times in ms (v2 and v3), stderr wrapped in red, tags and exit left out', () => {
    const v3 =
      '{"version": 3, "term": {"cols": 90, "rows": 10}, "pipemux": {}}\n[0.5, "o", "a\\r\\n"]\n[0.25, "e", "stderr"]\n[0.0, "o", "b\\r\\n"]\n[0.1, "e", "signal SIGTERM"]\n[0.0, "x", "143"]\n';
    expect(toPlayerRecording(v3)).toEqual({
      cols: 90,
      rows: 10,
      events: [
        [500, 'o', 'a\r\n'],
        [750, 'o', '\u001b[31mb\r\n\u001b[39m'],
      ],
      exitStatus: '143',
      signal: 'SIGTERM',
    });
    const v2 = '{"version": 2, "width": 80, "height": 24}\n[0.5, "o", "a"]\n[0.75, "e", "stderr"]\n[0.75, "o", "b"]\n';
    // Without the pipemux header field, "e" is nobody's tag: passed on (the player ignores unknown codes).
    expect(toPlayerRecording(v2)).toEqual({
      cols: 80,
      rows: 24,
      events: [
        [500, 'o', 'a'],
        [750, 'e', 'stderr'],
        [750, 'o', 'b'],
      ],
      exitStatus: undefined,
      signal: undefined,
    });
  });
});
