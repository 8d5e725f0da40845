import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { asyncScheduler, type SchedulerLike, type Subscription } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { InvalidOptionError, replay, ReplayError, type MuxEvent } from '../../src/index.js';
import { collect, collectSettled } from '../helpers/collect.js';
import { useTempDir } from '../helpers/tempDir.js';

const dir = useTempDir('pipemux-replay-test-');
let fileNumber = 0;
/** Writes a recording into the temp dir; returns its path. */
async function recordingFile(lines: string[], ending = '\n'): Promise<string> {
  const path = join(dir(), `recording-${fileNumber++}.cast`);
  await writeFile(path, lines.join('\n') + ending);
  return path;
}
/** Events without the spawn's fd report, for comparisons. */
const brief = (events: MuxEvent[]) => events.map((event) => (event.type === 'spawn' ? { ...event, tty: undefined } : event));

const PIPEMUX_V3 = [
  '{"version": 3, "term": {"cols": 80, "rows": 24}, "command": "make", "pipemux": {}}',
  '[0.5, "o", "one\\r\\ntwo\\r\\n"]',
  '[0.25, "e", "stderr"]',
  '[0.0, "o", "oops\\r\\n"]',
  '[0.25, "i", "y\\n"]',
  '[1.0, "o", "partial"]',
  '[0.000001, "e", "signal SIGINT"]',
  '[0.0, "x", "130"]',
];

describe('replay()', () => {
  it('gives back a pipemux recording: stdout, stderr, input, partial pieces, the signal', async () => {
    const events = await collect(replay(await recordingFile(PIPEMUX_V3), { speed: Infinity }));
    expect(brief(events)).toEqual([
      { type: 'spawn', pid: 0, command: 'make', tty: undefined, time: 0 },
      { type: 'stdout', data: 'one', seq: 0, time: 500 },
      { type: 'stdout', data: 'two', seq: 1, time: 500 },
      { type: 'stderr', data: 'oops', seq: 2, time: 750 },
      { type: 'stdin', data: 'y\n', seq: 3, time: 1000 },
      { type: 'stdout', data: 'partial', seq: 4, time: 2000, partial: true },
      { type: 'exit', code: null, signal: 'SIGINT', timedOut: false, durationMs: 2000.001, time: 2000.001 },
    ]);
  });

  it('never asks a timer for more than 2^31 - 1 ms (Node would fire it after 1 ms, again and again): a long pause is waited in steps', async () => {
    // A TestScheduler (virtual time) that also keeps every delay replay() asks for.
    const scheduler = new TestScheduler(() => {});
    scheduler.maxFrames = Number.POSITIVE_INFINITY;
    const asked: number[] = [];
    const schedule = scheduler.schedule.bind(scheduler);
    scheduler.schedule = (work, delay, state) => {
      asked.push(delay ?? 0);
      return schedule(work, delay, state);
    };
    const path = await recordingFile(['{"version":2,"width":80,"height":24}', '[0.5,"o","soon\\r\\n"]', '[3000000,"o","a month later\\r\\n"]']);
    const arrivals: [number, string][] = [];
    const first = new Promise<void>((resolve) =>
      replay(path, { scheduler }).subscribe((event) => {
        if (event.type === 'stdout') arrivals.push([scheduler.now(), event.data]);
        resolve();
      }),
    );
    await first;
    scheduler.flush();
    expect(arrivals).toEqual([
      [500, 'soon'],
      [3_000_000_000, 'a month later'],
    ]);
    expect(Math.max(...asked)).toBe(2 ** 31 - 1);
  });

  it('plays at the recorded pace, divided by speed (virtual time)', async () => {
    for (const speed of [1, 4]) {
      const scheduler = new TestScheduler(() => {});
      scheduler.maxFrames = Number.POSITIVE_INFINITY; // TestScheduler stops at frame 750 by default
      const arrivals: [number, string][] = [];
      const timeline = replay(await recordingFile(PIPEMUX_V3), { speed, scheduler });
      const first = new Promise<void>((resolve) =>
        timeline.subscribe((event) => {
          arrivals.push([scheduler.now(), event.type]);
          resolve();
        }),
      );
      await first; // the file is read (real I/O); the spawn event comes at virtual time 0
      scheduler.flush();
      expect(arrivals).toEqual([
        [0, 'spawn'],
        [500 / speed, 'stdout'],
        [500 / speed, 'stdout'],
        [750 / speed, 'stderr'],
        [1000 / speed, 'stdin'],
        [2000 / speed, 'stdout'],
        [2000.001 / speed, 'exit'],
      ]);
    }
  });

  it('replays asciinema 3 recordings (comments, markers, resizes) as stdout with the x status', async () => {
    const path = await recordingFile([
      '{"version": 3, "term": {"cols": 100, "rows": 30, "type": "xterm-256color"}, "timestamp": 1504467315, "command": "/bin/bash"}',
      '# event stream follows the header',
      '[0.248, "o", "\\u001b[1;31mHello\\r\\nWor"]',
      '[3.500, "m", ""]',
      '[0.143, "o", "ld\\r\\n"]',
      '[2.050, "r", "90x30"]',
      '[0.887, "e", "not a pipemux tag here"]',
      '[0.1, "o", "more\\r\\n"]',
      '[0.887, "x", "0"]',
    ]);
    const events = await collect(replay(path, { speed: Infinity }));
    expect(brief(events).map((event) => ('data' in event ? [event.type, event.data, 'partial' in event && event.partial === true] : [event.type]))).toEqual([
      ['spawn'],
      ['stdout', '\u001b[1;31mHello', false],
      ['stdout', 'Wor', true],
      ['stdout', 'ld', false],
      ['stdout', 'more', false],
      ['exit'],
    ]);
    const exit = events.at(-1) as Extract<MuxEvent, { type: 'exit' }>;
    expect([exit.code, exit.signal, exit.time]).toEqual([0, null, 7815]);
    // A pty recording: the program had a terminal on fds 0-2.
    expect((events[0] as Extract<MuxEvent, { type: 'spawn' }>).tty.stdout).toEqual({ kind: 'tty', isatty: true });
  });

  it('replays asciinema 2 recordings (absolute times, no exit event: status unknown)', async () => {
    const path = await recordingFile(
      ['{"version": 2, "width": 80, "height": 24, "env": {"TERM": "xterm"}}', '[0.248848, "o", "a\\r\\n"]', '[1.001376, "o", "b\\n"]', '[1.5, "i", "q"]'],
      '\r\n',
    );
    const events = await collect(replay(path, { speed: Infinity }));
    expect(brief(events)).toEqual([
      { type: 'spawn', pid: 0, command: '', tty: undefined, time: 0 },
      { type: 'stdout', data: 'a', seq: 0, time: 248.848 },
      { type: 'stdout', data: 'b', seq: 1, time: 1001.376 },
      { type: 'stdin', data: 'q', seq: 2, time: 1500 },
      { type: 'exit', code: null, signal: null, timedOut: false, durationMs: 1500, time: 1500 },
    ]);
  });

  it('gives each recorded output as one Buffer in chunk mode', async () => {
    const events = await collect(replay(await recordingFile(PIPEMUX_V3), { speed: Infinity, mode: 'chunks' }));
    expect(events.flatMap((event) => (event.type === 'stdout' || event.type === 'stderr' ? [[event.type, event.data.toString()]] : []))).toEqual([
      ['stdout', 'one\r\ntwo\r\n'],
      ['stderr', 'oops\r\n'],
      ['stdout', 'partial'],
    ]);
  });

  it('sums v3 intervals in whole microseconds (no drift over many events)', async () => {
    const lines = ['{"version": 3, "term": {"cols": 80, "rows": 24}}', ...Array.from({ length: 10_000 }, () => '[0.000001, "o", "."]')];
    const events = await collect(replay(await recordingFile(lines), { speed: Infinity, mode: 'chunks' }));
    expect(events.at(-1)?.time).toBe(10);
  });

  it.each<[string, string[], number | undefined, RegExp]>([
    ['an empty file', [''], 1, /the recording is empty/],
    ['a header that is not JSON', ['hello'], 1, /the header is not JSON/],
    ['asciicast v1', ['{"version": 1, "width": 80, "height": 24, "stdout": []}'], 1, /version 1 is not supported/],
    ['no version', ['{"width": 80}'], 1, /no version/],
    ['a v3 header without term', ['{"version": 3}'], 1, /term.cols and term.rows/],
    ['a v2 header without width', ['{"version": 2, "height": 24}'], 1, /width and height/],
    ['an event that is not JSON', ['{"version": 2, "width": 80, "height": 24}', '[1, "o", "a"]', '[2, "o", "b'], 3, /:3: not JSON/],
    ['an event that is an object', ['{"version": 2, "width": 80, "height": 24}', '{"t": 1}'], 2, /JSON array \[time, code, data\]/],
    ['a negative time', ['{"version": 3, "term": {"cols": 1, "rows": 1}}', '[-1, "o", "a"]'], 2, /time must be a number of seconds >= 0/],
    ['data that is not a string', ['{"version": 3, "term": {"cols": 1, "rows": 1}}', '[1, "o", 5]'], 2, /data must be a string/],
    ['an exit status that is not a number', ['{"version": 3, "term": {"cols": 1, "rows": 1}}', '[1, "x", "ok"]'], 2, /exit status must be a whole number/],
    ['an event after the exit', ['{"version": 3, "term": {"cols": 1, "rows": 1}}', '[1, "x", "0"]', '[1, "o", "late"]'], 3, /after the exit event/],
  ])('errors with a ReplayError naming the file and the line: %s', async (_name, lines, line, message) => {
    const path = await recordingFile(lines, lines.length === 1 && lines[0] === '' ? '' : '\n');
    const { error } = await collectSettled(replay(path, { speed: Infinity }));
    expect(error).toBeInstanceOf(ReplayError);
    expect((error as ReplayError).path).toBe(path);
    expect((error as ReplayError).line).toBe(line);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message.startsWith(path)).toBe(true);
  });

  it('gives the events before a bad line, then the error', async () => {
    const path = await recordingFile(['{"version": 2, "width": 80, "height": 24}', '[1, "o", "fine\\n"]', 'garbage']);
    const { events, error } = await collectSettled(replay(path, { speed: Infinity }));
    expect(events.map((event) => event.type)).toEqual(['spawn', 'stdout']);
    expect((error as ReplayError).line).toBe(3);
  });

  it('errors with a ReplayError (ENOENT) for a missing file', async () => {
    const path = join(dir(), 'missing.cast');
    const { error } = await collectSettled(replay(path));
    expect(error).toBeInstanceOf(ReplayError);
    expect([(error as ReplayError).code, (error as ReplayError).line, (error as ReplayError).path]).toEqual(['ENOENT', undefined, path]);
  });

  it('stops at unsubscribe: the pending wait is cancelled', async () => {
    const path = await recordingFile(['{"version": 2, "width": 80, "height": 24}', '[0.01, "o", "first\\n"]', '[3600, "o", "an hour later\\n"]']);
    const waits: { delay: number; wait: Subscription }[] = [];
    const scheduler: SchedulerLike = {
      now: () => asyncScheduler.now(),
      schedule: (work: Parameters<SchedulerLike['schedule']>[0], delay = 0, state?: unknown) => {
        const wait = asyncScheduler.schedule(work, delay, state);
        waits.push({ delay, wait });
        return wait;
      },
    };
    let subscription: Subscription | undefined;
    await new Promise<void>((resolve) => {
      subscription = replay(path, { scheduler }).subscribe((event) => event.type === 'stdout' && resolve());
    });
    // Once 'first' was given, the playback waits for the event an hour later.
    const hourWait = waits.find(({ delay }) => delay > 3_000_000);
    expect(hourWait?.wait.closed).toBe(false);
    subscription!.unsubscribe();
    expect(hourWait?.wait.closed).toBe(true);
  });

  it('lets the event loop turn while it gives many events at once', async () => {
    const lines = ['{"version": 3, "term": {"cols": 80, "rows": 24}}', ...Array.from({ length: 20_000 }, (_, i) => `[0.0, "o", "${i}\\n"]`)];
    const path = await recordingFile(lines);
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    const events = await collect(replay(path, { speed: Infinity }));
    clearInterval(ticker);
    expect(events).toHaveLength(20_002);
    expect(turns).toBeGreaterThan(0);
  });

  it.each<[string, () => unknown]>([
    ['speed 0', () => replay('x.cast', { speed: 0 })],
    ['speed NaN', () => replay('x.cast', { speed: Number.NaN })],
    ['mode bytes', () => replay('x.cast', { mode: 'bytes' as never })],
    ['an empty path', () => replay('')],
    ['a scheduler that is not one', () => replay('x.cast', { scheduler: {} as never })],
  ])('throws InvalidOptionError at call time for %s', (_name, call) => {
    expect(call).toThrow(InvalidOptionError);
  });
});
