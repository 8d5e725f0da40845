import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { holdsWithin } from '../helpers/deadline.js';
import { fixture } from '../helpers/fixtures.js';
import { isAlive } from '../helpers/processes.js';
import { inTerminalSession, runToEnd, SCRIPT_ENV, shellQuote } from '../tty/terminalSession.js';

// The built CLI (npm test builds first): the tests run it as a user would.
const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const node = process.execPath;
const nodeLine = (script: string, ...args: string[]) => [node, fixture(script), ...args].map(shellQuote).join(' ');

/** Runs `pipemux --many …` to its end (never rejects). */
function many(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  return execa(node, [CLI, '--many', ...args], {
    reject: false,
    stdin: options.input === undefined ? 'ignore' : 'pipe',
    input: options.input,
    env: options.env,
    stripFinalNewline: false,
  });
}

describe('pipemux --many', () => {
  it('passes every line on whole with its name, stdout to stdout and stderr to stderr, then the summary', async () => {
    const result = await many(['-n', 'web,api', 'echo one; echo oops >&2', 'echo two']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split('\n').sort()).toEqual(['', '[api] two', '[web] one']);
    const stderr = result.stderr.split('\n');
    expect(stderr).toContain('[web] oops');
    expect(stderr).toContain('pipemux: succeeded');
    expect(stderr.filter((line) => /^\d+ +(web|api) +success +code 0 +\d+\.\d{3}s +0 +echo/.test(line))).toHaveLength(2);
  });

  it.each<[string, string[], number]>([
    ['all: every command succeeded', ['exit 0', 'exit 0'], 0],
    ['all: the failing command’s code', ['exit 0', 'exit 3'], 3],
    ['first: the first to end failed', ['-m', '1', '-s', 'first', 'exit 2', 'exit 0'], 2],
    ['first: the first to end succeeded', ['-m', '1', '-s', 'first', 'exit 0', 'exit 2'], 0],
    ['last: the last to end failed', ['-m', '1', '-s', 'last', 'exit 0', 'exit 5'], 5],
    ['last: the last to end succeeded', ['-m', '1', '-s', 'last', 'exit 5', 'exit 0'], 0],
    ['command-NAME succeeded', ['-n', 'a,b', '-s', 'command-b', 'exit 4', 'exit 0'], 0],
    ['command-NAME failed', ['-n', 'a,b', '-s', 'command-a', 'exit 4', 'exit 0'], 4],
    ['!command-NAME: the others succeeded', ['-n', 'a,b', '-s', '!command-a', 'exit 4', 'exit 0'], 0],
    ['!command-NAME: another failed', ['-n', 'a,b', '-s', '!command-a', 'exit 0', 'exit 6'], 6],
    ['--kill-others: the server killed does not count', ['-k', '-n', 'server,test', 'sleep 30', 'sleep 0.2'], 0],
    ['--kill-others-on-fail: the failing command’s code', ['--kill-others-on-fail', 'sleep 30', 'sleep 0.2; exit 7'], 7],
    ['--kill-others: the named command was killed, none decided: 1', ['-k', '-s', 'command-1', 'sleep 0.2; exit 3', 'sleep 30'], 1],
    ['a command killed by a signal: 128 + n', ['kill -TERM $$'], 143],
    ['a command not found: 127 (the shell’s)', ['pipemux-no-such-command'], 127],
    ['a usage error: 2', ['--no-such-option', 'true'], 2],
    ['two commands with one name: 2', ['-n', 'x,x', 'true', 'true'], 2],
  ])('exits with the success rule’s status: %s', async (_name, args, status) => {
    const result = await many(args);
    expect(result.exitCode).toBe(status);
  });

  it('routes input lines "name:text" to that command only, other lines to the default target', async () => {
    const result = await many(['-n', 'a,b', '--no-color', 'cat', 'cat'], { input: 'b:for b\nfor the default\n1:for b again\n' });
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split('\n').filter((line) => line.startsWith('[b]'))).toEqual(['[b] for b', '[b] for b again']);
    expect(result.stdout.split('\n').filter((line) => line.startsWith('[a]'))).toEqual(['[a] for the default']);
  });

  it('restarts a failing command and counts the restarts in the summary', async () => {
    const result = await many(['--restart-tries', '2', 'echo try; exit 9']);
    expect(result.exitCode).toBe(9);
    expect(result.stdout).toBe('[0] try\n[0] try\n[0] try\n');
    expect(result.stderr).toMatch(/^0 +0 +failure +code 9 +\S+ +2 +echo try; exit 9$/m);
  });

  it('groups each command’s lines with --group', async () => {
    const result = await many(['-g', '-n', 'slow,quick', 'echo s1; sleep 0.3; echo s2', 'echo q1; echo q2']);
    expect(result.stdout).toBe('[quick] q1\n[quick] q2\n[slow] s1\n[slow] s2\n');
  });

  it('colours the prefixes on a terminal only, never with NO_COLOR', async () => {
    const command = [node, CLI, '--many', '-n', 'web', 'echo hi'];
    // …and lets the commands keep their own colours there (FORCE_COLOR, as concurrently does).
    const childColors = await runToEnd(...inTerminalSession([node, CLI, '--many', '-n', 'web', 'echo "$FORCE_COLOR"']), SCRIPT_ENV);
    const childColorsPiped = await many(['-n', 'web', 'echo "[$FORCE_COLOR]"']);
    expect(childColors.stdout).toContain('\x1b[96m[web] \x1b[39m1');
    expect(childColorsPiped.stdout).toBe('[web] []\n');
    const onTerminal = await runToEnd(...inTerminalSession(command), SCRIPT_ENV);
    const withNoColor = await runToEnd(...inTerminalSession(command), { ...SCRIPT_ENV, NO_COLOR: '1' });
    const piped = await many(['-n', 'web', 'echo hi']);
    const forced = await many(['-n', 'web', 'echo hi'], { env: { FORCE_COLOR: '1' } });
    expect(onTerminal.stdout).toContain('\x1b[96m[web] \x1b[39mhi');
    expect(withNoColor.stdout).toContain('[web] hi');
    expect(withNoColor.stdout).not.toContain('\x1b[96m');
    expect(piped.stdout).toBe('[web] hi\n');
    expect(forced.stdout).toBe('\x1b[96m[web] \x1b[39mhi\n');
  });

  it('passes SIGTERM to every command and exits with the rule’s status, leaving no command behind', async () => {
    const cli = execa(node, [CLI, '--many', '-n', 'a,b', nodeLine('term-reporter.mjs'), nodeLine('term-reporter.mjs')], { reject: false, stdin: 'ignore' });
    let ready = 0;
    await new Promise<void>((resolve) => cli.stdout.on('data', (chunk: Buffer) => (ready += String(chunk).split('ready').length - 1) >= 2 && resolve()));
    // The commands (-f), not pipemux's group-signal sentinel (a cat).
    const pids = (await execa('pgrep', ['-P', String(cli.pid), '-f', 'term-reporter'], { reject: false })).stdout.split('\n').filter(Boolean).map(Number);
    expect(pids).toHaveLength(2);
    cli.kill('SIGTERM');
    const result = await cli;
    expect(result.exitCode).toBe(143);
    expect(result.stdout).toContain('[a] SIGTERM');
    expect(result.stdout).toContain('[b] SIGTERM');
    expect(await holdsWithin(() => pids.every((pid) => !isAlive(pid)))).toBe(true);
  });

  it('kills the commands at a second signal, even those that ignore the first', async () => {
    const cli = execa(node, [CLI, '--many', '--kill-timeout', '200', nodeLine('term-reporter.mjs', 'ignore'), nodeLine('term-reporter.mjs', 'ignore')], {
      reject: false,
      stdin: 'ignore',
    });
    let seen = '';
    const waitFor = (count: number, word: string) =>
      new Promise<void>((resolve) => {
        const check = () => seen.split(word).length - 1 >= count && resolve();
        cli.stdout.on('data', (chunk: Buffer) => ((seen += String(chunk)), check()));
        check();
      });
    await waitFor(2, 'ready');
    const pids = (await execa('pgrep', ['-P', String(cli.pid), '-f', 'term-reporter'], { reject: false })).stdout.split('\n').filter(Boolean).map(Number);
    cli.kill('SIGTERM');
    await waitFor(2, 'SIGTERM'); // both got the first one, and ignore it
    cli.kill('SIGTERM');
    const result = await cli;
    // 128 + 15, once the killed commands' exits are in (their last lines with them).
    expect(result.exitCode).toBe(143);
    expect(pids).toHaveLength(2);
    expect(await holdsWithin(() => pids.every((pid) => !isAlive(pid)))).toBe(true);
  });

  it('stops quietly with 141 when its reader closes the pipe (| head)', async () => {
    const result = await execa(
      'bash',
      ['-c', '"$1" "$2" --many "seq 1 10000000" "seq 1 10000000" | head -n 2 >/dev/null; echo "status ${PIPESTATUS[0]}"', 'bash', node, CLI],
      { reject: false },
    );
    expect(result.stdout).toBe('status 141');
  });

  it('explains a usage error in one line with a pointer to --many --help', async () => {
    const result = await many(['-s', 'most', 'true']);
    expect(result.stderr).toBe(
      `pipemux: --success takes all, first, last, command-NAME or !command-NAME, not "most"\nTry 'pipemux --many --help' for more information.\n`,
    );
    const help = await many(['--help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('Usage: pipemux --many [options] [--] <command> [<command>...]');
  });
});
