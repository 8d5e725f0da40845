import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { pipemux, record, type MuxEvent } from '../../src/index.js';
import { collect } from '../helpers/collect.js';
import { TmuxTerminal } from '../helpers/terminal.js';
import { nodeFixture } from '../helpers/fixtures.js';
import { useTempDir } from '../helpers/tempDir.js';
import { piece } from './helpers.js';

const run = promisify(execFile);
const dir = useTempDir('pipemux-asciinema-test-');

/**
 * `asciinema cat FILE` (Debian's asciinema 2.2, which reads v2) as a terminal would get it: it
 * opens /dev/tty and puts it in raw mode, so it runs under `script`, whose pseudo-terminal then
 * passes its bytes through unchanged.
 */
async function asciinemaCat(path: string): Promise<Buffer> {
  const { stdout } = await run('script', ['-qec', `asciinema cat ${path}`, '/dev/null'], { encoding: 'buffer', env: { ...process.env, HOME: dir() } });
  return stdout;
}

const WRITES = [
  piece('out', 'first line\n'),
  piece('err', 'an error\n'),
  piece('out', Buffer.from([0xe2, 0x82])),
  piece('out', Buffer.concat([Buffer.from([0xac]), Buffer.from(' euro split across writes\n')])),
  piece('out', 'crlf\r\n'),
  piece('err', 'progress 50%\rprogress 100%\n'),
  piece('out', 'no newline at the end'),
];
/** What the child wrote to each stream. */
const WRITTEN = {
  stdout: 'first line\n€ euro split across writes\ncrlf\r\nno newline at the end',
  stderr: 'an error\nprogress 50%\rprogress 100%\n',
};
const asTerminalGetsIt = (text: string) => text.replace(/\r?\n/g, '\r\n');

describe('Debian asciinema 2.2 plays pipemux v2 recordings', () => {
  it('asciinema cat prints a chunk-mode recording exactly as the child wrote it (\\n as a terminal gets it: \\r\\n)', async () => {
    const path = join(dir(), 'chunks.cast');
    const live = await collect(pipemux(...nodeFixture('write-chunks.mjs', '--gap=2', ...WRITES), { mode: 'chunks' }).pipe(record(path, { format: 'v2' })));
    const bytesOf = (events: MuxEvent[], types: string[]) =>
      Buffer.concat(events.flatMap((e) => (types.includes(e.type) && 'data' in e ? [Buffer.from(e.data)] : [])));
    // The timeline has each stream byte for byte; asciinema prints both, in the order they came.
    expect(bytesOf(live, ['stdout']).toString()).toBe(WRITTEN.stdout);
    expect(bytesOf(live, ['stderr']).toString()).toBe(WRITTEN.stderr);
    // Each stream decoded on its own, in arrival order: stdout's half of '€' may be read before stderr's
    // line that was written first (two pipes), and the recorder holds it until its last byte comes.
    const decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
    const shown = live.flatMap((e) => (e.type === 'stdout' || e.type === 'stderr' ? [decoders[e.type].write(Buffer.from(e.data))] : [])).join('');
    const printed = await asciinemaCat(path);
    expect(printed.toString('utf8')).toBe(asTerminalGetsIt(shown));
  });

  it('asciinema cat prints a line-mode recording line by line (a last line without newline gets one)', async () => {
    const path = join(dir(), 'lines.cast');
    const live = await collect(pipemux(...nodeFixture('write-chunks.mjs', '--gap=2', ...WRITES)).pipe(record(path, { format: 'v2' })));
    const lines = live.flatMap((e) => (e.type === 'stdout' || e.type === 'stderr' ? [`${e.data}\r\n`] : []));
    expect((await asciinemaCat(path)).toString('utf8')).toBe(lines.join(''));
  });

  it('draws the lines at the left edge of a real terminal (tmux), stderr included', async () => {
    const path = join(dir(), 'screen.cast');
    const live = await collect(pipemux(...nodeFixture('write-chunks.mjs', ...WRITES.slice(0, 4))).pipe(record(path, { format: 'v2' })));
    // The order of stdout and stderr is the order they arrived in.
    const expectedLines = live.flatMap((e) => (e.type === 'stdout' || e.type === 'stderr' ? [e.data] : []));
    expect([...expectedLines].sort()).toEqual(['an error', 'first line', '€ euro split across writes']);
    const terminal = await TmuxTerminal.start(['asciinema', 'cat', path], { env: { HOME: dir() } });
    try {
      const screen = await terminal.waitFor((shown) => expectedLines.every((line) => shown.includes(line)));
      expect(screen.split('\n').slice(0, 3)).toEqual(expectedLines);
    } finally {
      await terminal.close();
    }
  });
});
