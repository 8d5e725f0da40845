import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { holdsWithin } from '../helpers/deadline.js';
import { fixture } from '../helpers/fixtures.js';
import { useTempDir } from '../helpers/tempDir.js';
import { waitForFile } from '../helpers/waitForFile.js';
import { hasProgram, TmuxTerminal } from '../helpers/terminal.js';
import { shellQuote } from '../tty/terminalSession.js';

// pipemux --many under signals and faults: one Ctrl-C reaches each command once and winds the run
// down (no start, no restart); our own stderr failing ends the run with 141 or 125; command lines
// the shell must run as written (several lines, builtins).
const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const node = process.execPath;
const nodeLine = (script: string, ...args: string[]) => [node, fixture(script), ...args].map(shellQuote).join(' ');
const hasTmux = await hasProgram('tmux');
const dir = useTempDir('pipemux-many-faults-');

/** Starts `pipemux --many …`; `waitFor(n, word)` resolves once stdout has shown `word` n times. */
function startMany(args: string[]) {
  const cli = execa(node, [CLI, '--many', ...args], { reject: false, stdin: 'ignore' });
  let seen = '';
  cli.stdout.on('data', (chunk: Buffer) => (seen += String(chunk)));
  const waitFor = (count: number, word: string) =>
    new Promise<void>((resolve) => {
      const check = () => seen.split(word).length - 1 >= count && resolve();
      cli.stdout.on('data', check);
      check();
    });
  return { cli, waitFor };
}

describe('pipemux --many under signals and faults', () => {
  it.skipIf(!hasTmux)('Ctrl-C at a terminal reaches each command once (the terminal signals the whole group)', async () => {
    const counter = fixture('signal-counter.mjs');
    const terminal = await TmuxTerminal.start([node, CLI, '--many', '--no-color', '-n', 'a,b', `${node} ${counter}`, `${node} ${counter}`], { height: 30 });
    try {
      await terminal.waitFor((screen) => screen.includes('[a] ready') && screen.includes('[b] ready'));
      await terminal.press('C-c');
      await terminal.waitFor((screen) => screen.includes('[a] INT 1') && screen.includes('[b] INT 1'));
      // Input lines "name:text" go to that command: each reports how many SIGINTs it got, and exits 0.
      await terminal.type('a:report');
      await terminal.press('Enter');
      await terminal.type('b:report');
      await terminal.press('Enter');
      expect(await terminal.exitStatus()).toBe(0);
      const screen = await terminal.screen();
      expect(screen).toContain('[a] count 1');
      expect(screen).toContain('[b] count 1');
      expect(screen).not.toContain('INT 2');
    } finally {
      await terminal.close();
    }
  });

  it('a signal winds the run down: a command waiting for its turn never starts', async () => {
    const { cli, waitFor } = startMany(['-m', '1', '-n', 'a,b', nodeLine('term-reporter.mjs'), 'echo b started']);
    await waitFor(1, 'ready');
    cli.kill('SIGTERM');
    const result = await cli;
    expect(result.exitCode).toBe(143);
    expect(result.stdout).toBe('[a] ready\n[a] SIGTERM');
    expect(result.stderr).toMatch(/^1 +b +skipped +/m);
  });

  it('a signal winds the run down: a command it stopped is not restarted', async () => {
    const { cli, waitFor } = startMany(['--restart-tries', '3', '-n', 'a', nodeLine('term-reporter.mjs')]);
    await waitFor(1, 'ready');
    cli.kill('SIGTERM');
    const result = await cli;
    expect(result.exitCode).toBe(143);
    expect(result.stdout).toBe('[a] ready\n[a] SIGTERM');
    expect(result.stderr).toMatch(/^0 +a +failure +SIGTERM +\S+ +0 +/m);
  });

  it('a signal sent to pipemux reaches every process of a command run by a shell (a; b), so none is left behind', async () => {
    const marker = `sleep 30.${process.pid}${Date.now() % 1000}`;
    const { cli, waitFor } = startMany(['-n', 'a', `echo started; ${marker}; echo never`]);
    await waitFor(1, 'started');
    cli.kill('SIGTERM');
    const result = await cli;
    expect(result.stdout).toBe('[a] started');
    expect(result.exitCode).toBe(143);
    const noneLeft = async () => (await execa('pgrep', ['-f', marker], { reject: false })).stdout === '';
    expect(await holdsWithin(noneLeft)).toBe(true);
  });

  it('with --group, a second signal still passes on what each command wrote before it was killed', async () => {
    const ready = join(dir(), 'ready');
    const trapped = join(dir(), 'trapped');
    // b ignores SIGTERM (saying so) and runs until killed; its lines are held by --group until its exit.
    const stubborn = `trap 'echo trapped; echo > ${trapped}' TERM; echo started; echo > ${ready}; while :; do sleep 0.1; done`;
    const { cli } = startMany(['-g', '-n', 'a,b', 'echo a-out', stubborn]);
    await waitForFile(ready);
    cli.kill('SIGTERM');
    await waitForFile(trapped);
    cli.kill('SIGTERM');
    const result = await cli;
    expect(result.exitCode).toBe(143);
    expect(result.stdout).toBe('[a] a-out\n[b] started\n[b] trapped');
  });

  it('exits 141 without a word when the reader of its stderr goes away (2>&1 | head)', async () => {
    const result = await execa(
      'bash',
      [
        '-c',
        '"$1" "$2" --many "seq 1 1000000 >&2" "sleep 30" 2>&1 >/dev/null </dev/null | head -n 1 >/dev/null; echo "status ${PIPESTATUS[0]}"',
        'bash',
        node,
        CLI,
      ],
      { reject: false },
    );
    expect(result.stdout).toBe('status 141');
    expect(result.stderr).toBe('');
  });

  it('exits 125 when its stderr cannot be written (2>/dev/full), and leaves no command running', async () => {
    // A sleep no other test runs, to find leftovers by.
    const marker = `sleep 30.${process.pid}${Date.now() % 1000}`;
    const result = await execa(
      'bash',
      ['-c', `"$1" "$2" --many "echo hi >&2; ${marker}" "${marker}" 2>/dev/full </dev/null; echo "status $?"`, 'bash', node, CLI],
      {
        reject: false,
      },
    );
    expect(result.stdout).toBe('status 125');
    expect(result.stderr).toBe('');
    // pipemux ended its commands on its way out; the signal may take a moment to land.
    const noneLeft = async () => (await execa('pgrep', ['-f', marker], { reject: false })).stdout === '';
    expect(await holdsWithin(noneLeft)).toBe(true);
  });

  it.each<[string, string, string, number]>([
    ['several lines run line by line', 'echo a\necho b', '[0] a\n[0] b\n', 0],
    ['a builtin with no program of its name (:)', ':', '', 0],
    ['type (a builtin)', 'type cd', '[0] cd is a shell builtin\n', 0],
  ])('%s', async (_name, line, stdout, status) => {
    const result = await execa(node, [CLI, '--many', line], { reject: false, stdin: 'ignore', stripFinalNewline: false });
    expect(result.stdout).toBe(stdout);
    expect(result.exitCode).toBe(status);
  });
});
