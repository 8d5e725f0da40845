import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../helpers/tempDir.js';

// The examples import 'pipemux' (the package itself, built by npm test) as a user would.
const example = (name: string) => fileURLToPath(new URL(`../../examples/${name}`, import.meta.url));
// LC_ALL=C: find quotes paths with ASCII quotes, whatever the machine's locale.
const runExample = (name: string, args: string[]) =>
  execa(process.execPath, [example(name), ...args], { reject: false, stdin: 'ignore', env: { LC_ALL: 'C' } });

const dir = useTempDir('pipemux-examples-');

describe('examples', () => {
  it('find-with-errors streams find output with errors marked E:', async () => {
    const tree = join(dir(), 'tree');
    await mkdir(tree);
    await writeFile(join(tree, 'a.txt'), '');
    await writeFile(join(tree, 'b.txt'), '');
    const missing = join(dir(), 'missing');
    const result = await runExample('find-with-errors.mjs', [tree, missing]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout.split('\n').sort()).toEqual([tree, join(tree, 'a.txt'), join(tree, 'b.txt')]);
    expect(result.stderr).toBe(`E: find: '${missing}': No such file or directory`);
  });

  it('fzf-chunks feeds fzf three chunks through a FIFO and prints the matches', async () => {
    const result = await runExample('fzf-chunks.mjs', ['--filter', 'an', '--no-sort']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('banana\nmango\norange\ntangerine');
    expect(result.stderr).toBe('');
  });

  it('tee-build writes the logs byte for byte while showing the build live', async () => {
    const logs = join(dir(), 'logs');
    const result = await runExample('tee-build.mjs', [logs, 'sh', '-c', 'echo compiling; echo "warning: x" >&2; echo linked']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^\[ +\d+\.\d{3}s\] compiling\n\[ +\d+\.\d{3}s\] linked$/);
    expect(result.stderr).toMatch(/^\[ +\d+\.\d{3}s\] E: warning: x\nbuild succeeded; logs in .+\/logs\/$/);
    expect(await readFile(join(logs, 'build.out.log'), 'utf8')).toBe('compiling\nlinked\n');
    expect(await readFile(join(logs, 'build.err.log'), 'utf8')).toBe('warning: x\n');
    expect((await readFile(join(logs, 'build.log'), 'utf8')).split('\n').sort()).toEqual(['', 'compiling', 'linked', 'warning: x']);
  });

  it('the demo shows the tty report, live lines and marked stderr', async () => {
    const result = await runExample('demo.mjs', []);
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^spawned pid \d+: /);
    expect(lines.some((line) => line.startsWith('  tty: stdout and stderr are sockets'))).toBe(true);
    expect(lines.filter((line) => /^\[ +\d+\.\d{3}s\] /.test(line)).map((line) => line.replace(/^\[[^\]]+\] /, ''))).toEqual([
      'compiling main.c',
      'compiling util.c',
      "E: util.c:12: warning: unused variable 'x'",
      'linking app',
      'E: ld: warning: deprecated option',
      'my stdout is not a terminal, so tools drop colours and progress bars',
      'done',
    ]);
    expect(lines.at(-1)).toMatch(/^exit code 0 after \d+ ms$/);
  });
});
