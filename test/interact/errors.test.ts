import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CommandNotFoundError, ExpectEofError, ExpectTimeoutError, InvalidOptionError, interact, type InteractOptions } from '../../src/index.js';
import { nodeFixture } from '../helpers/fixtures.js';
import { useSessions } from './sessions.js';

const start = useSessions();
const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

// A full collection before reading the heap: what is left is what the session holds, not garbage.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const heapUsed = () => {
  collectGarbage();
  return getHeapStatistics().used_heap_size;
};

describe('expect(): failures', () => {
  it('times out with an ExpectTimeoutError carrying the pattern and the unmatched text; the child keeps running', async () => {
    const { session } = start('cat', [], { expectTimeout: 50 });
    await session.sendLine('hello');
    await session.expect('hello\n');
    await session.send('partial');
    await session.expect('partial'.slice(0, 4));
    const error = await failureOf(session.expect(['yes', /no+/], { stream: 'stdout' }));
    expect(error).toBeInstanceOf(ExpectTimeoutError);
    expect(error).toMatchObject({ pattern: ['yes', /no+/], stream: 'stdout', before: 'ial', timeout: 50, command: 'cat', cwd: process.cwd() });
    expect((error as Error).message).toBe(`cat: expect(["yes", /no+/]) found no match within 50 ms; unmatched stdout: "ial" (cwd: ${process.cwd()})`);
    // Nothing was consumed and nothing was killed: the session goes on.
    await session.sendLine(' and yes');
    expect((await session.expect('yes')).before).toBe('ial and ');
  });

  it('rejects with an ExpectEofError when the child exits first, with its exit code and unmatched output', async () => {
    const { session } = start('sh', ['-c', 'printf "some output"; exit 3']);
    const error = await failureOf(session.expect('never'));
    expect(error).toBeInstanceOf(ExpectEofError);
    expect(error).toMatchObject({ pattern: 'never', stream: undefined, before: 'some output', exitCode: 3, signal: null });
    expect((error as Error).message).toBe(
      `sh -c 'printf "some output"; exit 3': exited with code 3 before expect("never") matched; unmatched output: "some output" (cwd: ${process.cwd()})`,
    );
    expect((await session.exited).code).toBe(3);
  });

  it('after the exit, unmatched text can still be matched; then EOF', async () => {
    const { session } = start('sh', ['-c', 'echo one; echo two']);
    await session.exited;
    expect((await session.expect('two')).before).toBe('one\n');
    expect(await failureOf(session.expect('three'))).toMatchObject({ name: 'ExpectEofError', before: '\n' });
  });

  it('an expect waiting when close() ends the child rejects with ExpectEofError naming the signal', async () => {
    const { session, probe } = start(...nodeFixture('forever.mjs'));
    await probe.waitFor((e) => e.type === 'stdout');
    const waiting = failureOf(session.expect('never', { timeout: Infinity }));
    await session.close();
    expect(await waiting).toMatchObject({ name: 'ExpectEofError', exitCode: null, signal: 'SIGTERM', before: 'ready\n' });
  });

  it('a command that does not exist: expect() and exited reject with CommandNotFoundError; close() resolves', async () => {
    const { session } = start('no-such-command-pipemux');
    expect(await failureOf(session.expect('x'))).toBeInstanceOf(CommandNotFoundError);
    expect(await failureOf(session.exited)).toBeInstanceOf(CommandNotFoundError);
    expect(await failureOf(session.expect('y'))).toBeInstanceOf(CommandNotFoundError);
    await session.close();
  });

  it.each<{ name: string; call: (s: ReturnType<typeof start>['session']) => Promise<unknown>; option: string }>([
    { name: 'an empty string', call: (s) => s.expect(''), option: 'pattern' },
    { name: 'an empty list', call: (s) => s.expect([]), option: 'pattern' },
    { name: 'a number', call: (s) => s.expect(5 as unknown as string), option: 'pattern' },
    { name: 'a negative timeout', call: (s) => s.expect('x', { timeout: -1 }), option: 'timeout' },
    { name: 'a fractional timeout', call: (s) => s.expect('x', { timeout: 1.5 }), option: 'timeout' },
    { name: 'an unknown stream', call: (s) => s.expect('x', { stream: 'all' as 'stdout' }), option: 'stream' },
    { name: 'an unknown option', call: (s) => s.expect('x', { timout: 5 } as never), option: 'timout' },
  ])('expect() with $name rejects with InvalidOptionError', async ({ call, option }) => {
    const { session } = start('cat');
    const error = await failureOf(call(session));
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error).toMatchObject({ option, command: 'cat' });
  });

  it.each<[string, InteractOptions, string]>([
    ['mode', { mode: 'lines' } as InteractOptions, 'mode'],
    ['stdin', { stdin: 'text' } as InteractOptions, 'stdin'],
    ['echoInput', { echoInput: false } as InteractOptions, 'echoInput'],
    ['maxBuffer 0', { maxBuffer: 0 }, 'maxBuffer'],
    ['expectTimeout -5', { expectTimeout: -5 }, 'expectTimeout'],
    ['maxQueuedInput 1.5', { maxQueuedInput: 1.5 }, 'maxQueuedInput'],
    ['a pipemux option of the wrong type', { drainTimeout: 'soon' } as unknown as InteractOptions, 'drainTimeout'],
  ])('interact() with %s throws InvalidOptionError at once and starts nothing', (_name, options, option) => {
    expect(() => interact('cat', [], options)).toThrow(InvalidOptionError);
    try {
      interact('cat', [], options);
    } catch (error) {
      expect((error as InvalidOptionError).option).toBe(option);
    }
  });
});

describe('expect(): a child that floods output (memory stays bounded)', () => {
  const maxBuffer = 64 * 1024;

  it('finds a marker after 64 MiB of output, keeping only the newest maxBuffer characters', async () => {
    const heapBefore = heapUsed();
    const total = 64 * 1024 * 1024;
    const { session } = start(...nodeFixture('flood-then-marker.mjs', String(total), 'DONE>'), { maxBuffer });
    const { before } = await session.expect('DONE>', { timeout: Infinity });
    expect(before).toBe('x'.repeat(maxBuffer - 'DONE>'.length));
    expect(heapUsed() - heapBefore).toBeLessThan(16 * 1024 * 1024);
  });

  it('a pattern that never matches on an endless stream: the window stays full and bounded until close()', async () => {
    const heapBefore = heapUsed();
    const { session, probe } = start(...nodeFixture('flood-then-marker.mjs', '-1'), { maxBuffer });
    const waiting = failureOf(session.expect(/never/, { timeout: Infinity }));
    let received = 0;
    let heapDuring = 0;
    const enough = new Promise<void>((resolve) =>
      session.timeline.subscribe((event) => {
        if (event.type !== 'stdout' || received >= 64 * 1024 * 1024) return;
        received += event.data.length;
        if (received >= 64 * 1024 * 1024) {
          heapDuring = heapUsed();
          resolve();
        }
      }),
    );
    await enough;
    await session.close();
    const error = await waiting;
    expect(error).toBeInstanceOf(ExpectEofError);
    expect((error as ExpectEofError).before).toBe('x'.repeat(maxBuffer));
    expect(heapDuring - heapBefore).toBeLessThan(16 * 1024 * 1024);
    expect(probe.events.at(-1)).toMatchObject({ type: 'exit', signal: 'SIGTERM' });
  });
});
