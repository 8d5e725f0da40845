import { existsSync, statSync } from 'node:fs';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { holdsWithin } from '../helpers/deadline.js';
import { fixture } from '../helpers/fixtures.js';
import { isAlive } from '../helpers/processes.js';
import { waitForFile } from '../helpers/waitForFile.js';
import { useTempDir } from '../helpers/tempDir.js';

// The built CLI (npm test builds first): the tests run it as a user would.
const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const node = process.execPath;

/** Runs the CLI to its end and returns its status and output (never rejects). */
function runCli(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  return execa(node, [CLI, ...args], {
    reject: false,
    stdin: options.input === undefined ? 'ignore' : 'pipe',
    input: options.input,
    env: options.env,
    stripFinalNewline: false,
  });
}

const dir = useTempDir('pipemux-cli-test-');

describe('pipemux command', () => {
  it('passes lines on with their prefixes, stdout to stdout and stderr to stderr', async () => {
    const result = await runCli(['--prefix-stdout', 'O: ', '--prefix-stderr', 'E: ', 'sh', '-c', 'echo one; echo oops >&2; printf two']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('O: one\nO: two\n');
    expect(result.stderr).toBe('E: oops\n');
  });

  it('--stderr inherit: the command writes straight to our stderr (no prefix); --stdout ignore: nothing', async () => {
    const result = await runCli(['--stderr', 'inherit', '--stdout', 'ignore', 'sh', '-c', 'echo out; printf "raw\\033[K" >&2']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('raw\x1b[K');
  });

  it('shows an unfinished line after 100 ms (a prompt), and ends it when its newline comes', async () => {
    // The child asks, then waits for our input, which the test gives once the prompt arrived.
    const child = execa(node, [CLI, 'sh', '-c', 'printf "name? "; read name; echo "hi $name"'], { reject: false, stdin: 'pipe', stripFinalNewline: false });
    let seen = '';
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (seen === 'name? ') resolve();
      }),
    );
    child.stdin.end('ann\n');
    const result = await child;
    expect(result.stdout).toBe('name? hi ann\n');
    expect(result.exitCode).toBe(0);
  });

  it('passes chunks through byte for byte with --chunks', async () => {
    const result = await runCli(['--chunks', 'printf', 'a\\r\\nb\\000c'], {});
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('a\r\nb\0c');
  });

  it('puts timestamps before lines', async () => {
    const result = await runCli(['--timestamps', 'echo', 'hi']);
    expect(result.stdout).toMatch(/^\[ +\d+\.\d{3}s\] hi\n$/);
  });

  it('gives the command its own stdin by default', async () => {
    const result = await runCli(['cat'], { input: 'from our stdin\n' });
    expect(result.stdout).toBe('from our stdin\n');
  });

  it('tees each stream and both into files, appending with --append', async () => {
    const out = join(dir(), 'out.log');
    const err = join(dir(), 'err.log');
    const all = join(dir(), 'all.log');
    await writeFile(out, 'old\n');
    const script = 'echo one; echo two >&2';
    const first = await runCli(['--tee-stdout', out, '--tee-stderr', err, '--tee', all, 'sh', '-c', script]);
    expect(first.exitCode).toBe(0);
    expect(await readFile(out, 'utf8')).toBe('one\n');
    expect(await readFile(err, 'utf8')).toBe('two\n');
    expect((await readFile(all, 'utf8')).split('\n').sort()).toEqual(['', 'one', 'two']);
    await runCli(['--append', '--tee-stdout', out, 'echo', 'three']);
    expect(await readFile(out, 'utf8')).toBe('one\nthree\n');
  });

  it.each<[string, string[], number]>([
    ['success', ['true'], 0],
    ['the exit code', [node, fixture('exit-with.mjs'), '3'], 3],
    ['128 + SIGTERM', [node, fixture('exit-with.mjs'), 'SIGTERM'], 143],
    ['128 + SIGKILL', [node, fixture('exit-with.mjs'), 'SIGKILL'], 137],
    ['127 for a missing command', ['pipemux-no-such-command'], 127],
    ['2 for a usage error', ['--no-such-option', 'true'], 2],
  ])('exits with %s', async (_name, args, status) => {
    const result = await runCli(args);
    expect(result.exitCode).toBe(status);
  });

  it('exits 126 for a file that is not executable, naming it', async () => {
    const script = join(dir(), 'not-executable.sh');
    await writeFile(script, 'echo hi\n');
    await chmod(script, 0o644);
    const result = await runCli([script]);
    expect(result.exitCode).toBe(126);
    expect(result.stderr).toBe(`pipemux: ${script}: command is not executable (no execute permission, or a directory) (cwd: ${process.cwd()})\n`);
  });

  it('explains a usage error in one line with a pointer to --help', async () => {
    const result = await runCli(['--color', 'pink', 'ls']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(`pipemux: --color takes auto, always or never, not "pink"\nTry 'pipemux --help' for more information.\n`);
  });

  it('exits 125 and names the file when a tee file cannot be opened, without running the command', async () => {
    const marker = join(dir(), 'should-not-exist');
    const result = await runCli(['--tee', join(dir(), 'missing', 'x.log'), 'touch', marker]);
    expect(result.exitCode).toBe(125);
    expect(result.stderr).toContain(join(dir(), 'missing', 'x.log'));
    expect(existsSync(marker)).toBe(false);
  });

  it('prints help and version', async () => {
    const help = await runCli(['--help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('Usage: pipemux [options] [--] <command> [args...]');
    const version = await runCli(['--version']);
    const manifest = JSON.parse(await readFile(join(dirname(CLI), '..', '..', 'package.json'), 'utf8')) as { version: string };
    expect(version.stdout).toBe(`${manifest.version}\n`);
  });

  it('gives the command a FIFO with --fifo that an external writer can write into', async () => {
    const pathFile = join(dir(), 'fifo-path');
    const cli = execa(node, [CLI, '--fifo', '--fifo-path-file', pathFile, 'head', '-n', '2'], { reject: false, stdin: 'ignore' });
    const fifoPath = (await waitForFile(pathFile)).trim();
    expect(statSync(fifoPath).isFIFO()).toBe(true);
    expect(statSync(fifoPath).mode & 0o777).toBe(0o600);
    await execa('sh', ['-c', 'echo first > "$1"; echo second > "$1"', 'sh', fifoPath]);
    const result = await cli;
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('first\nsecond');
    expect(result.stderr).toBe(`pipemux: fifo ${fifoPath}`);
    expect(existsSync(fifoPath)).toBe(false);
    expect(existsSync(dirname(fifoPath))).toBe(false);
  });

  it('prints the tty report as JSON with --tty-report --json', async () => {
    const result = await runCli(['--tty-report', '--json', node, fixture('report-tty.mjs')]);
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stderr.replace(/^pipemux: /, '')) as Record<string, { kind: string; isatty: boolean }>;
    const seen = JSON.parse(result.stdout) as { fds: { isatty: boolean }[] };
    expect(report['stdout']).toMatchObject({ kind: 'socket', isatty: false });
    expect(report['stderr']).toMatchObject({ kind: 'socket', isatty: false });
    expect(seen.fds.map((fd) => fd.isatty)).toEqual([false, false, false]);
  });

  it('passes SIGTERM to the command and exits 128 + 15, leaving no child behind', async () => {
    const cli = execa(node, [CLI, 'sh', '-c', 'echo $$; exec sleep 600'], { reject: false, stdin: 'ignore' });
    const childPid = await new Promise<number>((resolve) => cli.stdout.once('data', (chunk: Buffer) => resolve(Number(String(chunk).trim()))));
    expect(isAlive(childPid)).toBe(true);
    cli.kill('SIGTERM');
    const result = await cli;
    expect(result.exitCode).toBe(143);
    expect(await holdsWithin(() => !isAlive(childPid))).toBe(true);
  });

  it('stops quietly with 141 when its reader closes the pipe (| head)', async () => {
    const result = await execa('bash', ['-c', '"$1" "$2" seq 1 10000000 | head -n 2; echo "status ${PIPESTATUS[0]}"', 'bash', node, CLI], { reject: false });
    expect(result.stdout).toBe('1\n2\nstatus 141');
    expect(result.stderr).toBe('');
  });
});
