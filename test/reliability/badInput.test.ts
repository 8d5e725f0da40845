import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { constants as bufferConstants } from 'node:buffer';
import { constants as osConstants, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { execa } from 'execa';
import { of, Subject, type Observable } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CommandNotExecutableError,
  CommandNotFoundError,
  ExitError,
  FifoError,
  InvalidCwdError,
  InvalidOptionError,
  LineTooLongError,
  pipemux,
  SpawnFailedError,
  StdinSourceError,
  TeeSinkError,
  type MuxEvent,
  type PipemuxOptions,
} from '../../src/index.js';
import { collectSettled, dataOf } from '../helpers/collect.js';
import { holdsWithin } from '../helpers/deadline.js';
import { fixture, nodeFixture } from '../helpers/fixtures.js';
import { collectGarbage } from './support/collectGarbage.js';
import { SuiteFigures } from './support/figures.js';
import { isGone } from './support/processes.js';
import { SOAK } from './support/soak.js';

// Property 7 (clear errors) and the documented results of odd input: every case gives what the docs
// say, a typed error where it is an error, and never a crash or an unhandled rejection (counted).
const figures = new SuiteFigures('badInput', 'Bad input');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pipemux-rel-bad-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// Options: every option against a value of every type. The oracle is written from the option docs
// (src/types.ts), independently of src/options.ts: valid values must be accepted (nothing runs
// until a subscription), invalid ones must throw an InvalidOptionError naming the option, at once.

const MAX_DELAY = 2 ** 31 - 1;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isIterable = (v: unknown) => isObject(v) && (Symbol.iterator in v || Symbol.asyncIterator in v);
const isDelay = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= MAX_DELAY;
const isSink = (v: unknown) =>
  (typeof v === 'string' && v !== '') || (isObject(v) && (typeof v['write'] === 'function' || (typeof v['path'] === 'string' && v['path'] !== '')));
const isStdinSource = (v: unknown) =>
  (typeof v === 'string' && v !== 'pipe' && v !== 'overlapped') ||
  v instanceof Uint8Array ||
  isIterable(v) ||
  (isObject(v) && typeof v['subscribe'] === 'function');

const ORACLE: Record<keyof PipemuxOptions, (value: unknown) => boolean> = {
  mode: (v) => v === 'lines' || v === 'chunks',
  stdout: (v) => v === 'pipe' || v === 'inherit' || v === 'ignore',
  stderr: (v) => v === 'pipe' || v === 'inherit' || v === 'ignore',
  flushPartialAfter: isDelay,
  lineBuffered: (v) => typeof v === 'boolean',
  encoding: (v) => ['utf8', 'utf-8', 'latin1', 'ascii'].includes(v as string),
  maxLineLength: (v) => Number.isSafeInteger(v) && (v as number) >= 4 && (v as number) <= bufferConstants.MAX_STRING_LENGTH,
  longLines: (v) => v === 'split' || v === 'error',
  cwd: (v) => typeof v === 'string' || (v instanceof URL && v.protocol === 'file:' && v.host === ''),
  env: (v) => isObject(v) && !Array.isArray(v) && Object.values(v).every((value) => value === undefined || typeof value === 'string'),
  extendEnv: (v) => typeof v === 'boolean',
  timeout: isDelay,
  cancelSignal: (v) => v instanceof AbortSignal,
  killSignal: (v) => (typeof v === 'string' && v in osConstants.signals) || Object.values(osConstants.signals).includes(v as number),
  forceKillAfterDelay: (v) => typeof v === 'boolean' || isDelay(v),
  killTree: (v) => typeof v === 'boolean',
  shell: (v) => typeof v === 'boolean' || (typeof v === 'string' && v !== ''),
  reject: (v) => typeof v === 'boolean',
  drainTimeout: isDelay,
  stdin: (v) =>
    v === 'ignore' ||
    v === 'inherit' ||
    (isObject(v) && 'fifo' in v ? v['fifo'] === true && Object.keys(v).every((key) => ['fifo', 'source', 'dir'].includes(key)) : isStdinSource(v)),
  echoInput: (v) => typeof v === 'boolean',
  // Own keys among stdout/stderr/all, each a sink or an array of sinks (an object without such keys tees nothing).
  tee: (v) =>
    isObject(v) &&
    !Array.isArray(v) &&
    !Buffer.isBuffer(v) &&
    Object.entries(v).every(([key, sinks]) => ['stdout', 'stderr', 'all'].includes(key) && (Array.isArray(sinks) ? sinks : [sinks]).every(isSink)),
  color: (v) => v === 'auto' || v === 'always' || v === 'never',
  // A plain object { host, user?, port?, identity?, sshOptions?, maxSessions? }, host a word ssh cannot take for an option.
  remote: (v) =>
    isObject(v) &&
    [Object.prototype, null].includes(Object.getPrototypeOf(v) as object | null) &&
    typeof v['host'] === 'string' &&
    /^[^\s-]\S*$/.test(v['host']) &&
    Object.keys(v).every((key) => ['host', 'user', 'port', 'identity', 'sshOptions', 'maxSessions'].includes(key)),
};

const SAMPLES: [string, unknown][] = [
  ['null', null],
  ['true', true],
  ['false', false],
  ['0', 0],
  ['-1', -1],
  ['1.5', 1.5],
  ['1000', 1000],
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['2^31 (a timer overflows)', 2 ** 31],
  ['2^53', 2 ** 53],
  ["''", ''],
  ["'x'", 'x'],
  ["'lines'", 'lines'],
  ["'utf-8'", 'utf-8'],
  ["'SIGTERM'", 'SIGTERM'],
  ["'SIGNOPE'", 'SIGNOPE'],
  ["'ignore'", 'ignore'],
  ["'pipe'", 'pipe'],
  ["'never'", 'never'],
  ["'a\\0b'", 'a\0b'],
  ['10n', 10n],
  ['Symbol()', Symbol('s')],
  ['a function', () => {}],
  ['[]', []],
  ["['A=1']", ['A=1']],
  ['{}', {}],
  ["{ A: '1' }", { A: '1' }],
  ['{ A: 1 }', { A: 1 }],
  ["{ stdout: '' }", { stdout: '' }],
  ['Object.create(null)', Object.create(null)],
  ['a Date', new Date(0)],
  ['a Buffer', Buffer.from('x')],
  ['an https URL', new URL('https://example.com/')],
  ['a file URL', new URL('file:///tmp')],
  ['a file URL with a host', new URL('file://remotehost/tmp')],
  ['an AbortSignal', new AbortController().signal],
  ['a Writable', new Writable({ write: (_chunk, _encoding, callback) => callback() })],
  ['an Observable', of('x')],
  ['{ fifo: true }', { fifo: true }],
  ['{ fifo: 1 }', { fifo: 1 }],
];

/** Calls pipemux; 'accepted', or the thrown error's class and option name. */
function callOutcome(file: unknown, args: unknown, options: unknown): { accepted: boolean; error?: unknown } {
  try {
    (pipemux as (file: unknown, args: unknown, options: unknown) => Observable<MuxEvent>)(file, args, options);
    return { accepted: true };
  } catch (error) {
    return { accepted: false, error };
  }
}

describe('bad input: options', () => {
  it(`every option against ${SAMPLES.length} values of every type: accepted exactly when documented, else an InvalidOptionError naming it`, () => {
    const wrong: string[] = [];
    let tried = 0;
    let rejected = 0;
    for (const [option, valid] of Object.entries(ORACLE)) {
      for (const [label, value] of SAMPLES) {
        tried++;
        const { accepted, error } = callOutcome('true', [], { [option]: value });
        if (!accepted) rejected++;
        const expected = valid(value);
        if (accepted !== expected) wrong.push(`${option}: ${label} was ${accepted ? 'accepted' : `rejected (${String(error)})`}`);
        else if (!accepted && !(error instanceof InvalidOptionError && error.option === option && error.message.includes('true'))) {
          wrong.push(`${option}: ${label} threw ${String(error)}`);
        }
      }
    }
    const row = figures.add({
      input: `each of ${Object.keys(ORACLE).length} options × ${SAMPLES.length} values`,
      tried,
      rejected,
      expected: 'InvalidOptionError naming the option, or accepted as documented',
      outcome: wrong.length === 0 ? 'as documented' : `${wrong.length} wrong`,
      wrong: wrong.length,
    });
    expect(wrong).toEqual([]);
    expect(row.wrong).toBe(0);
  });

  it.each<{ name: string; option: string; file?: unknown; args?: unknown; options?: unknown }>([
    { name: 'unknown option (a typo)', option: 'timout', options: { timout: 5 } },
    { name: 'unknown option (execa’s)', option: 'stdio', options: { stdio: 'pipe' } },
    { name: 'file: a number', option: 'file', file: 42 },
    { name: 'file: empty', option: 'file', file: '' },
    { name: 'file: null', option: 'file', file: null },
    { name: 'file: an object without a prototype', option: 'file', file: Object.create(null) },
    { name: 'file: a NUL byte', option: 'file', file: 'ls\0' },
    { name: 'args: a string', option: 'args', args: '-l' },
    { name: 'args: a number inside', option: 'args', args: ['-n', 5] },
    { name: 'args: an object without a prototype inside', option: 'args', args: [Object.create(null)] },
    { name: 'args: a NUL byte', option: 'args', args: ['a\0b'] },
    { name: 'options: a string', option: 'options', options: 'lines' },
    { name: 'options: an array', option: 'options', options: [] },
    { name: 'options: a number', option: 'options', options: 1 },
  ])('$name: InvalidOptionError for $option', ({ name, option, file = 'true', args = [], options = {} }) => {
    const { error } = callOutcome(file, args, options);
    const outcome = error instanceof InvalidOptionError ? `InvalidOptionError (${error.option})` : `${String(error)}`;
    figures.add({
      input: name,
      tried: 1,
      rejected: error === undefined ? 0 : 1,
      expected: `InvalidOptionError (${option})`,
      outcome,
      wrong: outcome === `InvalidOptionError (${option})` ? 0 : 1,
    });
    expect(outcome).toBe(`InvalidOptionError (${option})`);
  });
});

// ---------------------------------------------------------------------------------------------
// Runtime: each case gives its documented result through the observable.

type Settled = { events: MuxEvent[]; error: unknown };
const errorName = (error: unknown) => {
  if (error === undefined) return 'none';
  const { name, code } = error as { name: string; code?: string };
  return code === undefined ? name : `${name} (${code})`;
};
const exitText = (events: MuxEvent[]) => {
  const exit = events.at(-1);
  return exit?.type === 'exit' ? `exit ${exit.signal ?? exit.code}` : 'no exit event';
};

interface RuntimeCase {
  input: string;
  /** The documented result, as `errorName` / `exitText` print it. */
  expected: string;
  run: () => Promise<Settled>;
  /** More checks on what came (names the command or path, nothing ran, …). */
  check?: (settled: Settled) => void | Promise<void>;
}

const marker = (name: string) => join(dir, `ran-${name}`);
const notRun = (name: string) => () => expect(existsSync(marker(name)), 'the command must not run').toBe(false);

async function makeFile(name: string, content: string | Buffer, mode: number): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  await chmod(path, mode);
  return path;
}

const outcomeOf = ({ events, error }: Settled) => (error === undefined ? exitText(events) : errorName(error));

const runtimeCases: RuntimeCase[] = [
  {
    input: 'missing command',
    expected: 'CommandNotFoundError (ENOENT)',
    run: () => collectSettled(pipemux('pipemux-no-such-command', ['x'])),
    check: ({ error }) => expect((error as CommandNotFoundError).command).toBe('pipemux-no-such-command x'),
  },
  {
    input: 'command in no PATH dir (env PATH=/nonexistent)',
    expected: 'CommandNotFoundError (ENOENT)',
    run: () => collectSettled(pipemux('ls', [], { env: { PATH: '/nonexistent' } })),
  },
  {
    input: 'file without execute permission (0644)',
    expected: 'CommandNotExecutableError (EACCES)',
    run: async () => collectSettled(pipemux(await makeFile('not-executable', 'echo hi\n', 0o644))),
    check: ({ error }) => expect(error).toBeInstanceOf(CommandNotExecutableError),
  },
  { input: 'a directory as the command', expected: 'CommandNotExecutableError (EACCES)', run: () => collectSettled(pipemux(tmpdir())) },
  {
    // execve says ENOENT when the #! interpreter is missing: the error names the interpreter (a CommandNotFoundError too).
    input: 'script whose #! interpreter is missing',
    expected: 'InterpreterNotFoundError (ENOENT)',
    run: async () => collectSettled(pipemux(await makeFile('bad-interpreter', '#!/nonexistent/interpreter\necho hi\n', 0o755))),
  },
  {
    // Not an error of ours: execvp runs a file the kernel cannot execute (ENOEXEC) with /bin/sh.
    input: 'executable file of binary garbage (ENOEXEC)',
    expected: 'exit 2',
    run: async () => collectSettled(pipemux(await makeFile('garbage', Buffer.from([0x00, 0x01, 0x29, 0x28, 0x0a]), 0o755))),
  },
  { input: 'shell: a missing shell', expected: 'ShellNotFoundError (ENOENT)', run: () => collectSettled(pipemux('echo hi', [], { shell: '/nonexistent/sh' })) },
  {
    input: 'an argument longer than the kernel allows (E2BIG)',
    expected: 'SpawnFailedError (E2BIG)',
    run: () => collectSettled(pipemux('echo', ['x'.repeat(256 * 1024)])),
    check: ({ error }) => expect(error).toBeInstanceOf(SpawnFailedError),
  },
  {
    input: 'cwd: missing directory',
    expected: 'InvalidCwdError',
    run: () => collectSettled(pipemux('true', [], { cwd: join(dir, 'missing') })),
    check: ({ error }) => expect((error as InvalidCwdError).cwd).toBe(join(dir, 'missing')),
  },
  { input: 'cwd: a file', expected: 'InvalidCwdError', run: async () => collectSettled(pipemux('true', [], { cwd: await makeFile('cwd-file', '', 0o644) })) },
  { input: 'cwd: a NUL byte', expected: 'InvalidCwdError', run: () => collectSettled(pipemux('true', [], { cwd: '/tmp/a\0b' })) },
  {
    input: 'tee to a directory',
    expected: 'TeeSinkError (EISDIR)',
    run: () => collectSettled(pipemux('touch', [marker('tee-dir')], { tee: { stdout: dir } })),
    check: (settled) => {
      notRun('tee-dir')();
      expect((settled.error as TeeSinkError).path).toBe(dir);
    },
  },
  {
    input: 'tee into a missing directory',
    expected: 'TeeSinkError (ENOENT)',
    run: () => collectSettled(pipemux('touch', [marker('tee-missing')], { tee: { stderr: join(dir, 'missing', 'x.log') } })),
    check: (settled) => {
      notRun('tee-missing')();
      expect((settled.error as TeeSinkError).message).toContain(join(dir, 'missing', 'x.log'));
    },
  },
  {
    input: 'tee under a path whose parent is a file',
    expected: 'TeeSinkError (ENOTDIR)',
    run: async () => collectSettled(pipemux('touch', [marker('tee-notdir')], { tee: { all: join(await makeFile('parent-file', '', 0o644), 'x.log') } })),
    check: notRun('tee-notdir'),
  },
  {
    // Root may write any file: a read-only path it may not write is a /proc/sys entry without a write mode.
    input: 'tee to a read-only /proc/sys file (as root too)',
    expected: 'TeeSinkError (EACCES)',
    run: () => collectSettled(pipemux('touch', [marker('tee-proc')], { tee: { stdout: '/proc/sys/kernel/ostype' } })),
    check: notRun('tee-proc'),
  },
  {
    input: 'tee to /dev/full (write fails: ENOSPC)',
    expected: 'TeeSinkError (ENOSPC)',
    run: () => collectSettled(pipemux('yes', [], { tee: { stdout: '/dev/full' } })),
    check: async ({ events }) => {
      // `yes` never ends by itself: the error killed it.
      const spawn = events[0];
      if (spawn?.type === 'spawn') expect(await holdsWithin(() => isGone(spawn.pid), 10_000)).toBe(true);
      expect(events.some((e) => e.type === 'exit')).toBe(false);
    },
  },
  {
    input: 'stdin FIFO in a missing directory',
    expected: 'FifoError',
    run: () => collectSettled(pipemux('touch', [marker('fifo-missing')], { stdin: { fifo: true, dir: join(dir, 'missing') } })),
    check: (settled) => {
      notRun('fifo-missing')();
      expect((settled.error as FifoError).path).toBe(join(dir, 'missing'));
    },
  },
  {
    input: 'stdin FIFO dir is a file',
    expected: 'FifoError',
    run: async () => collectSettled(pipemux('true', [], { stdin: { fifo: true, dir: await makeFile('fifo-dir-file', '', 0o644) } })),
  },
  {
    input: 'stdin source that throws',
    expected: 'StdinSourceError',
    run: () =>
      collectSettled(
        pipemux('cat', [], {
          stdin: (function* () {
            yield 'first\n';
            throw new Error('source broke');
          })(),
        }),
      ),
    check: ({ error }) => expect((error as StdinSourceError).message).toContain('source broke'),
  },
  {
    input: 'stdin item of a wrong type (a number)',
    expected: 'StdinSourceError',
    run: () => collectSettled(pipemux('cat', [], { stdin: ['ok\n', JSON.parse('42') as string] })), // a number where the types allow none
  },
  {
    input: "longLines 'error', a 1 MiB line with maxLineLength 64 KiB",
    expected: 'LineTooLongError',
    run: () => collectSettled(pipemux('head', ['-c', String(1 << 20), '/dev/zero'], { maxLineLength: 65536, longLines: 'error' })),
    check: ({ error }) => expect((error as LineTooLongError).maxLineLength).toBe(65536),
  },
  {
    input: 'reject: true, the child exits 3',
    expected: 'ExitError',
    run: () => collectSettled(pipemux('sh', ['-c', 'exit 3'], { reject: true })),
    check: ({ events, error }) => {
      expect((error as ExitError).exitCode).toBe(3);
      expect(exitText(events)).toBe('exit 3'); // the exit event still came first
    },
  },
  {
    input: 'child exits without reading 8 MiB of piped stdin (EPIPE)',
    expected: 'exit 0',
    run: () => collectSettled(pipemux('true', [], { stdin: Buffer.alloc(8 << 20, 0x61) })),
  },
  {
    // Our writes into its stdin fail with EPIPE while it runs: feeding stops, output goes on.
    input: 'child closes its stdin at once and keeps writing (our 8 MiB of stdin: EPIPE)',
    expected: 'exit 0',
    run: () => collectSettled(pipemux('sh', ['-c', 'exec 0<&-; seq 1 100000'], { stdin: Buffer.alloc(8 << 20, 0x61) })),
    check: ({ events }) => expect(dataOf(events as MuxEvent<string>[], 'stdout')).toEqual(Array.from({ length: 100000 }, (_, i) => String(i + 1))),
  },
  {
    input: 'child exits without reading 8 MiB of FIFO stdin',
    expected: 'exit 0',
    run: () => collectSettled(pipemux('true', [], { stdin: { fifo: true, source: Buffer.alloc(8 << 20, 0x61), dir } })),
    check: ({ events }) => {
      const spawn = events[0];
      expect(spawn?.type === 'spawn' && spawn.fifoPath !== undefined && !existsSync(dirname(spawn.fifoPath))).toBe(true);
    },
  },
  {
    // fd 0 is /dev/null opened read-only: the child's write fails (its own business), the run is normal.
    input: 'child writes to its own stdin (stdin ignored)',
    expected: 'exit 0',
    run: () => collectSettled(pipemux('sh', ['-c', 'echo hello >&0; echo "status $?"'])),
    check: ({ events }) => expect(dataOf(events as MuxEvent<string>[], 'stdout')).toEqual(['status 1']),
  },
  {
    // fd 0 is a socketpair whose other end is ours: the child's write succeeds and is never read (stdin is
    // write-only for us). The source stays open (a Subject), so our end is open when the child writes.
    input: 'child writes to its own stdin (stdin piped)',
    expected: 'exit 0',
    run: () => collectSettled(pipemux('sh', ['-c', 'echo hello >&0; echo "status $?"'], { stdin: new Subject<string>() })),
    check: ({ events }) => expect(dataOf(events as MuxEvent<string>[], 'stdout')).toEqual(['status 0']),
  },
  {
    input: 'child closes stdout early, keeps writing stderr',
    expected: 'exit 0',
    run: () => collectSettled(pipemux('sh', ['-c', 'echo out; exec >&-; seq 1 1000 >&2'])),
    check: ({ events }) => {
      const exit = events.at(-1);
      expect(dataOf(events as MuxEvent<string>[], 'stdout')).toEqual(['out']);
      expect(dataOf(events as MuxEvent<string>[], 'stderr')).toEqual(Array.from({ length: 1000 }, (_, i) => String(i + 1)));
      expect(exit?.type === 'exit' && exit.pipesHeldOpen).toBeFalsy();
    },
  },
  {
    input: 'invalid UTF-8 (lines)',
    expected: 'exit 0',
    run: () => collectSettled(pipemux('printf', ['\\377\\376a\\n\\303(\\nok\\n'])),
    check: ({ events }) => expect(dataOf(events as MuxEvent<string>[], 'stdout')).toEqual(['\uFFFD\uFFFDa', '\uFFFD(', 'ok']),
  },
  {
    input: 'invalid UTF-8 (chunk mode and tee: bytes as written)',
    expected: 'exit 0',
    run: () => collectSettled(pipemux('printf', ['\\377\\376a\\n\\303(\\n'], { mode: 'chunks', tee: { stdout: join(dir, 'utf8.tee') } })),
    check: async ({ events }) => {
      const bytes = Buffer.from([0xff, 0xfe, 0x61, 0x0a, 0xc3, 0x28, 0x0a]);
      expect(Buffer.concat(dataOf(events as MuxEvent<Buffer>[], 'stdout'))).toEqual(bytes);
      expect(await readFile(join(dir, 'utf8.tee'))).toEqual(bytes);
    },
  },
  {
    input: 'NUL bytes inside lines',
    expected: 'exit 0',
    run: () => collectSettled(pipemux('printf', ['a\\000b\\000\\n\\000\\nend'])),
    check: ({ events }) => expect(dataOf(events as MuxEvent<string>[], 'stdout')).toEqual(['a\0b\0', '\0', 'end']),
  },
];

describe('bad input: at run time', () => {
  it.each(runtimeCases)('$input: $expected', async ({ input, expected, run, check }) => {
    const settled = await run();
    const outcome = outcomeOf(settled);
    figures.add({ input, tried: 1, rejected: settled.error === undefined ? 0 : 1, expected, outcome, wrong: outcome === expected ? 0 : 1 });
    expect(outcome).toBe(expected);
    await check?.(settled);
  });

  it('tee to a file the user may not write (root without CAP_DAC_OVERRIDE): TeeSinkError (EACCES), the command does not run', async () => {
    // As root, file modes do not stop writes: the fixture runs as root without the capabilities that
    // override them (a uid switch would also need every parent dir of this checkout open to others).
    const readOnly = await makeFile('read-only.log', 'keep\n', 0o444);
    const ran = marker('without-dac-override');
    const dropDacCaps = ['--bounding-set=-dac_override,-dac_read_search', '--inh-caps=-dac_override,-dac_read_search'];
    const asUnprivileged = process.getuid?.() === 0 ? ['setpriv', ...dropDacCaps] : [];
    const [file, ...args] = [...asUnprivileged, process.execPath, fixture('tee-open-as-user.mjs'), readOnly, ran];
    const { stdout } = await execa(file, args);
    const reported = JSON.parse(stdout) as { name: string; code?: string; path?: string };
    const outcome = reported.code === undefined ? reported.name : `${reported.name} (${reported.code})`;
    figures.add({
      input: 'tee to a read-only file (0444), as an unprivileged user',
      tried: 1,
      rejected: 1,
      expected: 'TeeSinkError (EACCES)',
      outcome,
      wrong: outcome === 'TeeSinkError (EACCES)' ? 0 : 1,
    });
    expect(reported).toMatchObject({ name: 'TeeSinkError', code: 'EACCES', path: readOnly });
    expect(existsSync(ran)).toBe(false);
    expect(await readFile(readOnly, 'utf8')).toBe('keep\n');
  });
});

// ---------------------------------------------------------------------------------------------
// A very long line: in pieces of maxLineLength, every byte in order, memory bounded.

const PATTERN = '0123456789'.repeat(1 + (32 << 20) / 10);

/**
 * Runs long-line.mjs BYTES; checks each piece against the pattern as it comes (nothing kept); samples
 * RSS after a full garbage collection about eight times in the run: what is held, not garbage.
 */
function runLongLine(bytes: number, maxLineLength: number): Promise<{ pieces: number; bytes: number; wrongPieces: number; rssGrowth: number; error: unknown }> {
  const sampleEvery = Math.max(1, Math.floor(bytes / maxLineLength / 8));
  collectGarbage();
  const rssBefore = process.memoryUsage.rss();
  let peakRss = rssBefore;
  let offset = 0;
  let pieces = 0;
  let wrongPieces = 0;
  return new Promise((resolve) => {
    const finish = (error: unknown) => resolve({ pieces, bytes: offset, wrongPieces, rssGrowth: peakRss - rssBefore, error });
    pipemux(...nodeFixture('long-line.mjs', String(bytes)), { maxLineLength }).subscribe({
      next: (event) => {
        if (event.type !== 'stdout') return;
        if (pieces % sampleEvery === 0) {
          collectGarbage();
          peakRss = Math.max(peakRss, process.memoryUsage.rss());
        }
        const start = offset % 10;
        const last = offset + event.data.length === bytes;
        if (
          event.data !== PATTERN.slice(start, start + event.data.length) ||
          event.data.length !== Math.min(maxLineLength, bytes - offset) ||
          (event.partial === true) === last
        )
          wrongPieces++;
        offset += event.data.length;
        pieces++;
      },
      error: finish,
      complete: () => finish(undefined),
    });
  });
}

describe('bad input: a very long line', () => {
  const MiB = 1 << 20;
  const longLineCase = (size: number, maxLineLength: number) => async () => {
    const result = await runLongLine(size, maxLineLength);
    const name = `a ${size / MiB} MiB line without newline, maxLineLength ${maxLineLength / MiB} MiB`;
    const expected = `${size / maxLineLength} pieces, every byte`;
    const outcome =
      result.error === undefined && result.wrongPieces === 0 && result.bytes === size
        ? `${result.pieces} pieces, every byte`
        : `${errorName(result.error)}, ${result.bytes} bytes, ${result.wrongPieces} wrong pieces`;
    figures.add({
      input: name,
      tried: 1,
      rejected: 0,
      expected,
      outcome,
      wrong: outcome === expected ? 0 : 1,
      rssGrowthMiB: Math.round(result.rssGrowth / MiB),
    });
    expect(outcome).toBe(expected);
    // Bounded: far below the line's size (a few pieces in flight, held while the run goes on).
    expect(result.rssGrowth).toBeLessThan(Math.min(size / 2, 32 * maxLineLength + 128 * MiB));
  };

  it('a 256 MiB line, maxLineLength 1 MiB: 256 pieces, every byte, memory bounded', longLineCase(256 * MiB, MiB), 120_000);
  it('a 1 GiB line, maxLineLength 16 MiB (the default): 64 pieces, every byte, memory bounded', longLineCase(1024 * MiB, 16 * MiB), 240_000);
  it.runIf(SOAK)('soak: a 4 GiB line, maxLineLength 16 MiB: 256 pieces, every byte, memory bounded', longLineCase(4096 * MiB, 16 * MiB), 900_000);

  it("a 1 GiB line with longLines 'error': LineTooLongError once the limit is passed, the child killed", async () => {
    const { events, error } = await collectSettled(pipemux(...nodeFixture('long-line.mjs', String(1024 * MiB)), { maxLineLength: MiB, longLines: 'error' }));
    const outcome = errorName(error);
    figures.add({
      input: "a 1 GiB line, longLines 'error', maxLineLength 1 MiB",
      tried: 1,
      rejected: 1,
      expected: 'LineTooLongError',
      outcome,
      wrong: outcome === 'LineTooLongError' ? 0 : 1,
    });
    expect(error).toBeInstanceOf(LineTooLongError);
    const spawn = events[0];
    expect(spawn?.type).toBe('spawn');
    // The writer would take a while to write 1 GiB: it is gone because the error killed it.
    if (spawn?.type === 'spawn') expect(await holdsWithin(() => isGone(spawn.pid), 10_000)).toBe(true);
  });
});
