import { createHash, randomBytes } from 'node:crypto';
import { Subject, of, throwError } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { pipemux, StdinSourceError, type MuxEvent } from '../../src/index.js';
import { collect, collectSettled, dataOf, exitOf } from '../helpers/collect.js';
import { nodeFixture } from '../helpers/fixtures.js';
import { holdsWithin } from '../helpers/deadline.js';
import { isAlive } from '../helpers/processes.js';
import { TimelineProbe } from './timelineProbe.js';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const stdinData = (events: MuxEvent[]) => events.flatMap((e) => (e.type === 'stdin' ? [e.data] : []));

describe('stdin from data sources (cat as the child)', () => {
  it('writes a string once, then EOF', async () => {
    const events = await collect(pipemux('cat', [], { stdin: 'hello\nworld' }));
    expect(dataOf(events, 'stdout')).toEqual(['hello', 'world']);
    expect(exitOf(events).code).toBe(0);
  });

  it('writes a Buffer byte for byte (4 MiB of random bytes, through backpressure)', async () => {
    const input = randomBytes(4 * 1024 * 1024);
    const events = await collect(pipemux('cat', [], { stdin: input, mode: 'chunks' }));
    expect(sha256(Buffer.concat(dataOf(events, 'stdout')))).toBe(sha256(input));
    expect(exitOf(events).code).toBe(0);
  });

  it('writes an array of items: strings and Buffers as they are, a string array as lines in one write', async () => {
    const events = await collect(pipemux('cat', [], { stdin: ['a\n', Buffer.from('b\n'), ['c', 'd'], [], 'e'], echoInput: true }));
    expect(dataOf(events, 'stdout')).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(stdinData(events)).toEqual(['a\n', Buffer.from('b\n'), 'c\nd\n', 'e']);
    expect(exitOf(events).code).toBe(0);
  });

  it('pulls an async generator to its end, then EOF', async () => {
    // eslint-disable-next-line @typescript-eslint/require-await -- the test is about an async generator as stdin
    async function* items() {
      for (let i = 0; i < 5; i++) yield [`item ${i}`];
    }
    const events = await collect(pipemux('cat', [], { stdin: items() }));
    expect(dataOf(events, 'stdout')).toEqual(['item 0', 'item 1', 'item 2', 'item 3', 'item 4']);
    expect(exitOf(events).code).toBe(0);
  });

  it('feeds a Subject step by step: each chunk comes back before the next is sent, EOF on complete', async () => {
    const input = new Subject<string>();
    const probe = new TimelineProbe(pipemux('cat', [], { stdin: input, echoInput: true }));
    await probe.spawned();
    for (let i = 0; i < 4; i++) {
      input.next(`chunk ${i}\n`);
      await probe.line(`chunk ${i}`);
    }
    expect(probe.events.some((e) => e.type === 'exit')).toBe(false); // no EOF yet: cat still runs
    input.complete();
    const { events, error } = await probe.settled;
    expect(error).toBeUndefined();
    // stdin, then its echo from cat, strictly alternating: nothing was sent ahead.
    expect(events.flatMap((e) => (e.type === 'stdin' || e.type === 'stdout' ? [`${e.type}:${String(e.data).trim()}`] : []))).toEqual(
      [0, 1, 2, 3].flatMap((i) => [`stdin:chunk ${i}`, `stdout:chunk ${i}`]),
    );
    expect(exitOf(events).code).toBe(0);
  });

  it.each([
    ['the pipe', (source: Subject<string[]>) => source],
    ['a FIFO', (source: Subject<string[]>) => ({ fifo: true as const, source })],
  ])('keeps what a Subject gets right after the timeline is subscribed (%s)', async (_name, stdinFor) => {
    const input = new Subject<string[]>();
    const done = collect(pipemux('cat', [], { stdin: stdinFor(input) }));
    input.next(['pushed before the child runs']);
    input.complete();
    expect(dataOf(await done, 'stdout')).toEqual(['pushed before the child runs']);
  });

  it('writes what a cold Observable emits before the child is spawned (nothing lost)', async () => {
    const events = await collect(pipemux('cat', [], { stdin: of('x\n', ['y', 'z']) }));
    expect(dataOf(events, 'stdout')).toEqual(['x', 'y', 'z']);
  });

  it('stdin events share seq with output and come before the output they caused', async () => {
    const events = await collect(pipemux('cat', [], { stdin: ['one\n'], echoInput: true }));
    const data = events.filter((e) => e.type === 'stdin' || e.type === 'stdout');
    expect(data.map((e) => [e.type, 'seq' in e ? e.seq : -1])).toEqual([
      ['stdin', 0],
      ['stdout', 1],
    ]);
  });

  it("gives EOF at once by default ('ignore')", async () => {
    const events = await collect(pipemux(...nodeFixture('stdin-read-line.mjs')));
    expect(dataOf(events, 'stdout')).toEqual([]);
  });

  it('pulls an async iterable only as fast as the child reads', async () => {
    const chunk = Buffer.alloc(8192, 'x');
    const total = 2 * 1024 * 1024;
    let pulled = 0;
    let maxAhead = 0;
    // The child prints the running total of what it read; the last such line is what it has read.
    const readByChild = () => Number(dataOf(probe.events, 'stdout').findLast((line) => /^\d+$/.test(String(line))) ?? 0);
    // eslint-disable-next-line @typescript-eslint/require-await -- the test is about pulling an async iterable
    async function* items() {
      while (pulled < total) {
        maxAhead = Math.max(maxAhead, pulled - readByChild());
        pulled += chunk.length;
        yield chunk;
      }
    }
    const probe = new TimelineProbe(pipemux(...nodeFixture('stdin-slow-reader.mjs', '16384'), { stdin: items() }));
    const { events, error } = await probe.settled;
    expect(error).toBeUndefined();
    expect(dataOf(events, 'stdout').at(-1)).toBe(`end ${total}`);
    // Pipe (64 KiB) + our and the child's stream buffers + reports lagging behind: far below 2 MiB.
    expect(maxAhead).toBeLessThan(768 * 1024);
  });
});

describe('stdin: a child that stops reading (EPIPE) is not an error', () => {
  it('ends with exit when the child exits in the middle of an endless async generator, and closes the generator', async () => {
    let closed!: () => void;
    const generatorClosed = new Promise<void>((resolve) => (closed = resolve));
    // eslint-disable-next-line @typescript-eslint/require-await -- the test is about closing an async generator
    async function* endless() {
      try {
        for (let i = 0; ; i++) yield `line ${i}\n`.repeat(1000);
      } finally {
        closed();
      }
    }
    const { events, error } = await collectSettled(pipemux(...nodeFixture('stdin-read-line.mjs'), { stdin: endless() }));
    expect(error).toBeUndefined();
    expect(dataOf(events, 'stdout')).toEqual(['line 0']);
    expect(exitOf(events).code).toBe(0);
    await generatorClosed;
  });

  it('ends with exit when a 16 MiB string is more than the child reads', async () => {
    const { events, error } = await collectSettled(pipemux(...nodeFixture('stdin-read-line.mjs'), { stdin: `first\n${'x'.repeat(16 * 1024 * 1024)}` }));
    expect(error).toBeUndefined();
    expect(dataOf(events, 'stdout')).toEqual(['first']);
    expect(exitOf(events).code).toBe(0);
  });
});

describe('stdin: a failing source ends the run with a StdinSourceError and kills the child', () => {
  type Steps = { spawned: Promise<unknown>; afterFirst: Promise<unknown> };
  const cases: [string, (steps: Steps) => unknown, RegExp][] = [
    [
      'an async generator that throws',
      ({ afterFirst }) =>
        (async function* () {
          yield 'first\n';
          await afterFirst;
          throw new Error('source broke');
        })(),
      /source broke/,
    ],
    [
      'an Observable that errors',
      ({ spawned, afterFirst }) => {
        const input = new Subject<string>();
        void spawned.then(() => input.next('first\n'));
        void afterFirst.then(() => input.error(new Error('observable broke')));
        return input;
      },
      /observable broke/,
    ],
    [
      'an item that is not a string, Buffer or string array',
      ({ afterFirst }) =>
        (async function* () {
          yield 'first\n';
          await afterFirst;
          yield 42;
        })(),
      /got 42/,
    ],
  ];
  it.each(cases)('%s', async (_name, makeSource, message) => {
    let firstCameBack!: () => void;
    const afterFirst = new Promise<void>((resolve) => (firstCameBack = resolve));
    let spawned!: () => void;
    const steps = { afterFirst, spawned: new Promise<void>((resolve) => (spawned = resolve)) };
    const probe = new TimelineProbe(pipemux('cat', [], { stdin: makeSource(steps) as never }));
    const { pid } = await probe.spawned();
    spawned();
    await probe.line('first');
    firstCameBack();
    const { events, error } = await probe.settled;
    expect(error).toBeInstanceOf(StdinSourceError);
    expect((error as StdinSourceError).message).toMatch(message);
    expect((error as StdinSourceError).command).toBe('cat');
    expect(events.some((e) => e.type === 'exit')).toBe(false);
    expect(isAlive(pid)).toBe(false);
  });

  it('a source that fails after the child exited (a grandchild still holding its stdout) is not the run’s failure: exit 0', async () => {
    const input = new Subject<string>();
    const probe = new TimelineProbe(pipemux('sh', ['-c', 'sleep 600 & echo $!; exit 0'], { stdin: input }));
    const { pid } = await probe.spawned();
    const grandchild = Number(await probe.stdoutLine((line) => /^\d+$/.test(line)));
    // Deadline for an effect no event announces: the exit event waits for the pipes the grandchild holds.
    expect(await holdsWithin(() => !isAlive(pid))).toBe(true);
    input.error(new Error('too late to matter'));
    process.kill(grandchild, 'SIGKILL');
    const { events, error } = await probe.settled;
    expect(error).toBeUndefined();
    expect(exitOf(events)).toMatchObject({ code: 0, signal: null });
  });

  it('spawns nothing when an Observable errors as soon as it is subscribed', async () => {
    const { events, error } = await collectSettled(pipemux('cat', [], { stdin: throwError(() => new Error('at once')) }));
    expect(error).toBeInstanceOf(StdinSourceError);
    expect((error as Error).message).toMatch(/at once/);
    expect(events).toEqual([]);
  });
});
