import { take, takeWhile } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { pipemux, type MuxEvent } from '../../src/index.js';
import { collect, dataOf, exitOf } from '../helpers/collect.js';
import { holdsWithin } from '../helpers/deadline.js';
import { nodeFixture } from '../helpers/fixtures.js';
import { isAlive, openFdCount } from '../helpers/processes.js';

const isReadyLine = (event: MuxEvent) => event.type === 'stdout' && event.data === 'ready';
const pidOf = (events: readonly MuxEvent[]) => {
  const spawn = events[0];
  if (spawn?.type !== 'spawn') throw new Error(`first event is ${spawn?.type}, not spawn`);
  return spawn.pid;
};

// Property 6: unsubscribing kills the child and releases everything; no fd leaks, no zombies.
describe('owned lifetimes', () => {
  it.each([
    { name: 'after its first line', fixtureArgs: [], forceKillAfterDelay: undefined, stopAfter: takeWhile((e: MuxEvent) => !isReadyLine(e), true) },
    { name: 'right after the spawn event', fixtureArgs: [], forceKillAfterDelay: undefined, stopAfter: take<MuxEvent>(1) },
    {
      name: 'that ignores SIGTERM (SIGKILL follows)',
      fixtureArgs: ['ignore-term'],
      forceKillAfterDelay: 200,
      stopAfter: takeWhile((e: MuxEvent) => !isReadyLine(e), true),
    },
  ])('unsubscribing kills a running child $name: the pid is gone, fds are back to the baseline', async ({ fixtureArgs, forceKillAfterDelay, stopAfter }) => {
    const fdsBefore = await openFdCount();
    const events = await collect(pipemux(...nodeFixture('forever.mjs', ...fixtureArgs), { forceKillAfterDelay }).pipe(stopAfter));
    const pid = pidOf(events);
    expect(events.some((e) => e.type === 'exit')).toBe(false);
    // A deadline for the kill (no event is left to wait on once unsubscribed), not synchronisation.
    expect(await holdsWithin(() => !isAlive(pid))).toBe(true);
    expect(await holdsWithin(async () => (await openFdCount()) === fdsBefore)).toBe(true);
  });

  it('unsubscribing at once (before the spawn) starts no child and leaves nothing open', async () => {
    const fdsBefore = await openFdCount();
    pipemux(...nodeFixture('forever.mjs'))
      .subscribe()
      .unsubscribe();
    expect(await holdsWithin(async () => (await openFdCount()) === fdsBefore)).toBe(true);
  });

  it('a finished run leaves no fd open', async () => {
    const fdsBefore = await openFdCount();
    const events = await collect(pipemux(...nodeFixture('print-lines.mjs', '1000')));
    expect(exitOf(events).code).toBe(0);
    expect(await holdsWithin(async () => (await openFdCount()) === fdsBefore)).toBe(true);
  });

  it.each([
    { name: 'both streams', script: 'sleep 30 & echo $!', held: ['stdout', 'stderr'] },
    { name: 'stderr only', script: 'sleep 30 >/dev/null & echo $!', held: ['stderr'] },
    { name: 'stdout only', script: 'sleep 30 2>/dev/null & echo $!', held: ['stdout'] },
  ])('a grandchild holding $name open: exit comes after drainTimeout with pipesHeldOpen', async ({ script, held }) => {
    const fdsBefore = await openFdCount();
    const events = await collect(pipemux('sh', ['-c', script], { drainTimeout: 200 }));
    const [sleepPid] = dataOf(events, 'stdout');
    try {
      expect(sleepPid).toMatch(/^\d+$/);
      expect(exitOf(events)).toMatchObject({ code: 0, signal: null, pipesHeldOpen: held });
      expect(exitOf(events).time - exitOf(events).durationMs).toBeGreaterThanOrEqual(190);
      expect(await holdsWithin(async () => (await openFdCount()) === fdsBefore)).toBe(true);
    } finally {
      // Never kill(0) or kill(NaN): only a pid the shell really printed.
      if (/^[1-9]\d*$/.test(sleepPid ?? '')) process.kill(Number(sleepPid), 'SIGKILL');
    }
  });
});
