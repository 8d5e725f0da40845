import { tap } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { ExitError, pipemux, type MuxEvent, type PipemuxOptions } from '../../src/index.js';
import { collect, collectSettled, dataOf, exitOf } from '../helpers/collect.js';
import { fixture, nodeFixture } from '../helpers/fixtures.js';
import { expectWellFormedTimeline } from './timeline.js';

/** Calls `act(pid)` once the child printed its first line ("ready" from forever.mjs). */
const whenReady = (act: (pid: number) => void) => {
  let pid = 0;
  return tap((event: MuxEvent) => {
    if (event.type === 'spawn') pid = event.pid;
    if (event.type === 'stdout' && event.data === 'ready') act(pid);
  });
};

describe('exit', () => {
  it.each([
    { how: '0', code: 0, signal: null },
    { how: '3', code: 3, signal: null },
    { how: '255', code: 255, signal: null },
    { how: 'SIGTERM', code: null, signal: 'SIGTERM' },
    { how: 'SIGKILL', code: null, signal: 'SIGKILL' },
    { how: 'SIGINT', code: null, signal: 'SIGINT' },
  ])('a child that ends with $how: exit event code $code, signal $signal, after all output', async ({ how, code, signal }) => {
    const events = await collect(pipemux(...nodeFixture('exit-with.mjs', how)));
    expectWellFormedTimeline(events);
    expect(dataOf(events, 'stdout')).toEqual(['before exit']);
    expect(dataOf(events, 'stderr')).toEqual(['before exit']);
    const exit = exitOf(events);
    expect(exit).toMatchObject({ code, signal, timedOut: false });
    expect(exit.durationMs).toBeGreaterThan(0);
    expect(exit.time).toBeGreaterThanOrEqual(exit.durationMs);
    expect(exit).not.toHaveProperty('pipesHeldOpen');
  });

  it.each(['SIGTERM', 'SIGKILL'] as const)('a child killed from outside with %s: signal set, code null', async (signal) => {
    const events = await collect(pipemux(...nodeFixture('forever.mjs')).pipe(whenReady((pid) => process.kill(pid, signal))));
    expect(dataOf(events, 'stdout')).toEqual(['ready']);
    expect(exitOf(events)).toMatchObject({ code: null, signal, timedOut: false });
  });

  it.each([
    { how: '3', exitCode: 3, signal: null, message: /exit-with\.mjs 3: exited with code 3 \(cwd: / },
    { how: 'SIGKILL', exitCode: null, signal: 'SIGKILL', message: /exit-with\.mjs SIGKILL: was killed with SIGKILL \(cwd: / },
  ])('reject: true and $how: all output, the exit event, then an ExitError', async ({ how, exitCode, signal, message }) => {
    const { events, error } = await collectSettled(pipemux(...nodeFixture('exit-with.mjs', how), { reject: true }));
    expect(events.map((e) => e.type)).toEqual(['spawn', expect.stringMatching(/^std(out|err)$/), expect.stringMatching(/^std(out|err)$/), 'exit']);
    expect(exitOf(events)).toMatchObject({ code: exitCode, signal });
    expect(error).toBeInstanceOf(ExitError);
    expect(error).toMatchObject({ name: 'ExitError', exitCode, signal, timedOut: false, cwd: process.cwd() });
    expect((error as ExitError).command).toContain(fixture('exit-with.mjs'));
    expect((error as Error).message).toMatch(message);
  });

  it('reject: true and exit 0: completes without error', async () => {
    const { events, error } = await collectSettled(pipemux(...nodeFixture('exit-with.mjs', '0'), { reject: true }));
    expect(error).toBeUndefined();
    expect(exitOf(events).code).toBe(0);
  });

  it.each<{ name: string; options: PipemuxOptions; signal: string }>([
    { name: 'default killSignal', options: { timeout: 300 }, signal: 'SIGTERM' },
    { name: "killSignal 'SIGINT'", options: { timeout: 300, killSignal: 'SIGINT' }, signal: 'SIGINT' },
  ])('timeout ($name): the child is killed and exit.timedOut is true', async ({ options, signal }) => {
    const events = await collect(pipemux(...nodeFixture('forever.mjs'), options));
    expect(exitOf(events)).toMatchObject({ code: null, signal, timedOut: true });
  });

  it('timeout with reject: true: an ExitError with timedOut', async () => {
    const { events, error } = await collectSettled(pipemux(...nodeFixture('forever.mjs'), { timeout: 300, reject: true }));
    expect(exitOf(events).timedOut).toBe(true);
    expect(error).toMatchObject({ name: 'ExitError', timedOut: true, signal: 'SIGTERM', exitCode: null });
    expect((error as Error).message).toMatch(/timed out and was killed with SIGTERM/);
  });

  it('cancelSignal: aborting kills the child; the exit event still comes', async () => {
    const cancel = new AbortController();
    const events = await collect(pipemux(...nodeFixture('forever.mjs'), { cancelSignal: cancel.signal }).pipe(whenReady(() => cancel.abort())));
    expectWellFormedTimeline(events);
    expect(dataOf(events, 'stdout')).toEqual(['ready']);
    expect(exitOf(events)).toMatchObject({ code: null, signal: 'SIGTERM', timedOut: false });
  });

  it('cancelSignal and a child that ignores SIGTERM: SIGKILL after forceKillAfterDelay', async () => {
    const cancel = new AbortController();
    const timeline = pipemux(...nodeFixture('forever.mjs', 'ignore-term'), { cancelSignal: cancel.signal, forceKillAfterDelay: 100 });
    const events = await collect(timeline.pipe(whenReady(() => cancel.abort())));
    expect(exitOf(events)).toMatchObject({ code: null, signal: 'SIGKILL' });
  });
});
