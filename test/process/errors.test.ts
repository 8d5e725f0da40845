import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmod, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CommandNotExecutableError,
  CommandNotFoundError,
  InvalidCwdError,
  InvalidOptionError,
  PipemuxError,
  SpawnFailedError,
  pipemux,
  type PipemuxOptions,
} from '../../src/index.js';
import { collectSettled } from '../helpers/collect.js';
import { holdsWithin } from '../helpers/deadline.js';
import { fixture } from '../helpers/fixtures.js';
import { openFdCount } from '../helpers/processes.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pipemux-errors-'));
  await writeFile(join(dir, 'not-executable.sh'), '#!/bin/sh\necho hi\n', { mode: 0o644 });
  await chmod(join(dir, 'not-executable.sh'), 0o644); // whatever the umask
  await writeFile(join(dir, 'a-file'), 'not a directory\n');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

// Property 7: bad input gives a typed error naming the command or path, on the error channel.
describe('runtime errors arrive on the error channel, typed, naming the command and path', () => {
  it.each([
    {
      name: 'command not found (PATH lookup)',
      file: () => 'pipemux-no-such-command',
      type: CommandNotFoundError,
      says: () => 'pipemux-no-such-command --flag: command not found',
    },
    {
      name: 'command not found (a path)',
      file: () => join(dir, 'missing'),
      type: CommandNotFoundError,
      says: () => `${join(dir, 'missing')} --flag: command not found`,
    },
    {
      name: 'file without execute permission',
      file: () => join(dir, 'not-executable.sh'),
      type: CommandNotExecutableError,
      says: () => `${join(dir, 'not-executable.sh')} --flag: command is not executable`,
    },
    { name: 'a directory as command', file: () => dir, type: CommandNotExecutableError, says: () => `${dir} --flag: command is not executable` },
  ])('$name', async ({ file, type, says }) => {
    const fdsBefore = await openFdCount();
    const { events, error } = await collectSettled(pipemux(file(), ['--flag']));
    expect(events).toEqual([]);
    expect(error).toBeInstanceOf(type);
    expect(error).toBeInstanceOf(PipemuxError);
    expect(error).toMatchObject({ command: `${file()} --flag`, cwd: process.cwd() });
    expect((error as Error).message.startsWith(says())).toBe(true);
    expect((error as Error).message.endsWith(` (cwd: ${process.cwd()})`)).toBe(true);
    expect(await holdsWithin(async () => (await openFdCount()) === fdsBefore)).toBe(true);
  });

  it('an argument too long for the system (E2BIG): a SpawnFailedError with the code', async () => {
    const fdsBefore = await openFdCount();
    const huge = 'x'.repeat(200_000); // Linux takes at most 128 KiB in one argument
    const { events, error } = await collectSettled(pipemux('true', [huge]));
    expect(events).toEqual([]);
    expect(error).toBeInstanceOf(SpawnFailedError);
    // The command text is cut (MAX_COMMAND_TEXT), so the message stays short.
    const shown = `true ${huge.slice(0, 2048 - 'true '.length)}… [${(200_000 - 2043).toLocaleString('en-US')} more characters]`;
    expect(error).toMatchObject({ code: 'E2BIG', command: shown, cwd: process.cwd() });
    expect((error as Error).message.startsWith(`${shown}: could not be started: its arguments and environment are too long for the system (E2BIG: `)).toBe(
      true,
    );
    expect((error as Error).message.endsWith(` (cwd: ${process.cwd()})`)).toBe(true);
    expect(await holdsWithin(async () => (await openFdCount()) === fdsBefore)).toBe(true);
  });

  it('a child that never started is not killed: that would signal pid 0, the whole process group', async () => {
    // The fixture counts such kills; it runs in a process group of its own, so one that got through ends only it.
    const child = spawn(process.execPath, [fixture('spawn-failure-group.mjs')], { detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
    expect({ code, signal, stdout }).toEqual({ code: 0, signal: null, stdout: 'SpawnFailedError E2BIG\nkill() on a child without a pid: 0\n' });
  });

  it.each([
    { name: 'missing directory', cwd: () => join(dir, 'missing'), reason: 'does not exist' },
    { name: 'missing directory as a file URL', cwd: () => pathToFileURL(join(dir, 'missing')), reason: 'does not exist' },
    { name: 'a file', cwd: () => join(dir, 'a-file'), reason: 'is not a directory' },
  ])('bad cwd: $name', async ({ cwd, reason }) => {
    const { events, error } = await collectSettled(pipemux('echo', ['hi'], { cwd: cwd() }));
    const path = cwd() instanceof URL ? join(dir, 'missing') : (cwd() as string);
    expect(events).toEqual([]);
    expect(error).toBeInstanceOf(InvalidCwdError);
    expect(error).toMatchObject({ command: 'echo hi', cwd: path });
    expect((error as Error).message).toBe(`echo hi: its working directory ${reason} (cwd: ${path})`);
  });

  // Without tee or stdin parts the spawn itself finds a bad cwd (no stat before every spawn); with them it is checked first.
  it.each([
    { name: 'and a missing command: the cwd is named, not the command', file: 'pipemux-no-such-command', options: {} },
    { name: 'and a tee file: the file is never made', file: 'echo', options: { tee: { stdout: 'TEE' } } },
    { name: 'and FIFO stdin: no FIFO dir is made', file: 'echo', options: { stdin: { fifo: true, dir: 'FIFOS' } } },
  ])('bad cwd $name', async ({ file, options }) => {
    const scratch = await mkdtemp(join(dir, 'cwd-parts-'));
    const given = JSON.parse(
      JSON.stringify(options)
        .replace('"TEE"', JSON.stringify(join(scratch, 'tee.log')))
        .replace('"FIFOS"', JSON.stringify(scratch)),
    ) as PipemuxOptions;
    const fdsBefore = await openFdCount();
    const { events, error } = await collectSettled(pipemux(file, ['hi'], { ...given, cwd: join(dir, 'missing') }));
    expect(events).toEqual([]);
    expect(error).toBeInstanceOf(InvalidCwdError);
    expect((error as Error).message).toBe(`${file} hi: its working directory does not exist (cwd: ${join(dir, 'missing')})`);
    expect(await readdir(scratch)).toEqual([]);
    expect(await holdsWithin(async () => (await openFdCount()) === fdsBefore)).toBe(true);
  });
});

describe('invalid arguments throw an InvalidOptionError at call time', () => {
  it.each<{ name: string; option: string; file?: unknown; args?: unknown; options?: unknown; errorCwd?: string }>([
    { name: 'empty file', option: 'file', file: '' },
    { name: 'file not a string', option: 'file', file: 42 },
    { name: 'args not an array', option: 'args', args: '-l' },
    { name: 'args with a number', option: 'args', args: ['-n', 3] },
    { name: 'args with a NUL byte', option: 'args', args: ['a\0b'] },
    { name: 'file with a NUL byte', option: 'file', file: 'l\0s' },
    { name: 'options a string', option: 'options', options: 'lines' },
    { name: 'options an array', option: 'options', options: [] },
    { name: 'unknown option', option: 'stdio', options: { stdio: 'pipe' } },
    { name: 'misspelt option', option: 'timout', options: { timout: 10 } },
    { name: 'mode', option: 'mode', options: { mode: 'bytes' } },
    { name: 'encoding', option: 'encoding', options: { encoding: 'utf16le' } },
    { name: 'maxLineLength too small', option: 'maxLineLength', options: { maxLineLength: 3 } },
    { name: 'maxLineLength fractional', option: 'maxLineLength', options: { maxLineLength: 10.5 } },
    { name: 'maxLineLength a string', option: 'maxLineLength', options: { maxLineLength: '10' } },
    { name: 'maxLineLength longer than a string can be', option: 'maxLineLength', options: { maxLineLength: 2 ** 30 } },
    { name: 'longLines', option: 'longLines', options: { longLines: 'truncate' } },
    { name: 'cwd a number', option: 'cwd', options: { cwd: 42 } },
    { name: 'cwd a URL that is not a file URL', option: 'cwd', options: { cwd: new URL('https://example.com/') }, errorCwd: 'https://example.com/' },
    { name: 'env with a number', option: 'env', options: { env: { A: 1 } } },
    { name: 'env null', option: 'env', options: { env: null } },
    { name: 'env value with a NUL byte', option: 'env', options: { env: { A: 'x\0y' } } },
    { name: 'env name with a NUL byte', option: 'env', options: { env: { 'A\0': 'x' } } },
    { name: 'extendEnv', option: 'extendEnv', options: { extendEnv: 'yes' } },
    { name: 'timeout negative', option: 'timeout', options: { timeout: -1 } },
    { name: 'timeout infinite', option: 'timeout', options: { timeout: Infinity } },
    { name: 'cancelSignal', option: 'cancelSignal', options: { cancelSignal: new AbortController() } },
    { name: 'killSignal without SIG', option: 'killSignal', options: { killSignal: 'TERM' } },
    { name: 'killSignal 0', option: 'killSignal', options: { killSignal: 0 } },
    { name: 'killSignal unknown name', option: 'killSignal', options: { killSignal: 'SIGFOO' } },
    { name: 'killSignal unknown number', option: 'killSignal', options: { killSignal: 64 } },
    { name: 'killSignal lower case', option: 'killSignal', options: { killSignal: 'sigterm' } },
    { name: 'forceKillAfterDelay negative', option: 'forceKillAfterDelay', options: { forceKillAfterDelay: -5 } },
    { name: 'shell empty', option: 'shell', options: { shell: '' } },
    { name: 'reject', option: 'reject', options: { reject: 1 } },
    { name: 'drainTimeout', option: 'drainTimeout', options: { drainTimeout: '2s' } },
  ])('$name', ({ option, file = 'ls', args = ['-l'], options, errorCwd = process.cwd() }) => {
    let thrown: unknown;
    try {
      pipemux(file as string, args as string[], options as PipemuxOptions);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidOptionError);
    expect(thrown).toMatchObject({ name: 'InvalidOptionError', option, cwd: errorCwd });
    const { command } = thrown as InvalidOptionError;
    expect((thrown as Error).message.startsWith(`${command === '' ? '' : `${command}: `}invalid ${option}: `)).toBe(true);
    if (option !== 'file') expect((thrown as InvalidOptionError).command).toMatch(/^ls\b/);
  });

  it('options that are undefined are ignored', () => {
    expect(() => pipemux('ls', undefined, { timeout: undefined, mode: undefined })).not.toThrow();
  });

  it.each([{ killSignal: 'SIGKILL' }, { killSignal: 9 }, { killSignal: 'SIGUSR1' }] as const)('killSignal $killSignal is accepted', ({ killSignal }) => {
    expect(() => pipemux('ls', [], { killSignal })).not.toThrow();
  });
});
