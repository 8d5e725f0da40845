import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hasProgram, TmuxTerminal } from '../helpers/terminal.js';
import { useTempDir } from '../helpers/tempDir.js';
import { waitForFile } from '../helpers/waitForFile.js';
import { viteNode } from '../tty/terminalSession.js';

// The headline recipe as a person sees it: fzf's interface on the terminal while items arrive
// chunk by chunk through the FIFO, the selection back as a stdout line, Esc = exit 130.
const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const dir = useTempDir('pipemux-fzf-', 'test');
const chunk = (index: number) => Array.from({ length: 1000 }, (_, i) => `item ${index * 1000 + i}\n`).join('');
/** fzf's match counter: "1000/1000" once that many items were read and all match. */
const counter = (matched: number, total: number) => new RegExp(`(^|\\s)${matched}/${total}(\\s|$)`, 'm');

interface LibraryResult {
  pieces: { data: string; partial: boolean }[];
  exit: { code: number | null; signal: string | null };
}

describe.skipIf(!(await hasProgram('tmux')) || !(await hasProgram('fzf', '--version')))('fzf through pipemux at a real terminal (tmux)', () => {
  it.each([
    { query: 'item 2345', key: 'Enter', selected: ['item 2345'], code: 0 },
    { query: '', key: 'Escape', selected: [], code: 130 },
  ])('library: the interface shows 1000/1000, then 3000/3000 as chunks come; "$query" and $key select $selected', async ({ query, key, selected, code }) => {
    const result = join(dir(), 'result.json');
    const terminal = await TmuxTerminal.start(viteNode('interactive-parent.ts', 'fzf', result));
    try {
      await terminal.waitFor(counter(1000, 1000), 30_000);
      const parent = Number(await waitForFile(`${result}.pid`));
      // The next chunk only once the screen showed the last: fzf draws while its input is still open.
      process.kill(parent, 'SIGUSR1');
      await terminal.waitFor(counter(2000, 2000));
      process.kill(parent, 'SIGUSR1');
      await terminal.waitFor(counter(3000, 3000));
      if (query !== '') {
        await terminal.type(query);
        // fzf filters in the background: Enter before the match shows would pick the old top item.
        await terminal.waitFor(counter(1, 3000));
      }
      await terminal.press(key);
      expect(await terminal.exitStatus(30_000)).toBe(0);
      const { pieces, exit } = JSON.parse(await readFile(result, 'utf8')) as LibraryResult;
      expect(pieces).toEqual(selected.map((data) => ({ data, partial: false })));
      expect(exit).toEqual({ code, signal: null });
    } finally {
      await terminal.close();
    }
  });

  it('CLI: pipemux --fifo --stderr inherit fzf shows the interface; items written into the FIFO appear; the selection goes to stdout', async () => {
    const pathFile = join(dir(), 'fifo.path');
    const out = join(dir(), 'out');
    const terminal = await TmuxTerminal.start([
      'sh',
      '-c',
      `"$@" > ${out}`,
      'sh',
      process.execPath,
      cli,
      '--fifo',
      '--fifo-path-file',
      pathFile,
      '--stderr',
      'inherit',
      'fzf',
    ]);
    try {
      const fifo = (await waitForFile(pathFile)).trim();
      for (let index = 0; index < 3; index++) {
        await appendFile(fifo, chunk(index));
        await terminal.waitFor(counter((index + 1) * 1000, (index + 1) * 1000));
      }
      await terminal.type('item 1234');
      await terminal.waitFor(counter(1, 3000));
      await terminal.press('Enter');
      expect(await terminal.exitStatus()).toBe(0);
      // Our 'pipemux: fifo' note came while fzf had the terminal raw: the next line still starts at column 0.
      expect(await terminal.screen()).toMatch(/^\[exit 0\]$/m);
      expect(await readFile(out, 'utf8')).toBe('item 1234\n');
    } finally {
      await terminal.close();
    }
  });

  it('CLI: Esc ends fzf with 130 and nothing on stdout', async () => {
    const out = join(dir(), 'out');
    const terminal = await TmuxTerminal.start(['sh', '-c', `seq 3000 | "$@" > ${out}`, 'sh', process.execPath, cli, '--stderr', 'inherit', 'fzf']);
    try {
      await terminal.waitFor(counter(3000, 3000));
      await terminal.press('Escape');
      expect(await terminal.exitStatus()).toBe(130);
      expect(await readFile(out, 'utf8')).toBe('');
    } finally {
      await terminal.close();
    }
  });
});
