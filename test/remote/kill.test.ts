import { fileURLToPath } from 'node:url';
import { lastValueFrom, take, toArray, type Subscription } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { pipemux, type MuxEvent, type SpawnEvent } from '../../src/index.js';
import { collect, dataOf, exitOf } from '../helpers/collect.js';
import { holdsWithin } from '../helpers/deadline.js';
import { fixture } from '../helpers/fixtures.js';
import { openFdCount } from '../helpers/processes.js';
import { TimelineProbe } from '../stdin/timelineProbe.js';
import { aliveOnHost, countOnHost, goneOnHost, skipReason, useSshd } from './support/remoteSupport.js';

const node = process.execPath;
const viteNode = fileURLToPath(new URL('../../node_modules/.bin/vite-node', import.meta.url));
// Ignores SIGHUP (a dropped connection would not end it) and prints its own pid and a child's.
const STUBBORN = ['-c', 'trap "" HUP; sleep 1000 & echo "$$ $!"; wait'];

/** Subscribes until `ready` matches an event; gives the subscription and the events so far. */
function runUntil(timeline: ReturnType<typeof pipemux>, ready: (event: MuxEvent) => boolean): Promise<{ subscription: Subscription; events: MuxEvent[] }> {
  const events: MuxEvent[] = [];
  return new Promise((resolve, reject) => {
    const subscription: Subscription = timeline.subscribe({
      next: (event) => {
        events.push(event);
        if (ready(event)) resolve({ subscription, events });
      },
      error: reject,
    });
  });
}

const pidsOf = (events: MuxEvent[]) => String(dataOf(events, 'stdout')[0]).split(' ').map(Number);

describe.skipIf(skipReason !== undefined)(`stopping a remote command ends it on the host${skipReason ? `: skipped, ${skipReason}` : ''}`, () => {
  const sshd = useSshd();

  it('unsubscribe: the command (which ignores SIGHUP) and its child are gone on the host, not only the local ssh', async () => {
    const fdsBefore = await openFdCount();
    const { subscription, events } = await runUntil(pipemux('sh', STUBBORN, { remote: sshd().remote() }), (event) => event.type === 'stdout');
    const [shell, sleeper] = pidsOf(events);
    expect((events[0] as SpawnEvent).remote!.pid).toBe(shell);
    expect(await aliveOnHost(sshd(), sleeper!)).toBe(true);
    subscription.unsubscribe();
    // Deadlines for effects no event announces once unsubscribed, not synchronisation.
    expect(await goneOnHost(sshd(), [shell!, sleeper!], 10_000)).toBe(true);
    expect(await holdsWithin(async () => (await openFdCount()) === fdsBefore)).toBe(true);
  });

  it('timeout: the exit event says timedOut and SIGTERM, and the command and its child are gone on the host', async () => {
    const events = await collect(pipemux('sh', STUBBORN, { timeout: 500, remote: sshd().remote() }));
    expect(exitOf(events)).toMatchObject({ code: null, signal: 'SIGTERM', timedOut: true });
    // The shell's exit is reported; its child got the signal with it and may take a moment more to be gone.
    expect(await goneOnHost(sshd(), pidsOf(events))).toBe(true);
  });

  it('cancelSignal: the remote command gets killSignal itself (SIGINT here, counted by the command)', async () => {
    const cancel = new AbortController();
    const probe = new TimelineProbe(
      pipemux(node, [fixture('signal-counter.mjs'), 'ignore'], {
        cancelSignal: cancel.signal,
        killSignal: 'SIGINT',
        forceKillAfterDelay: 300,
        remote: sshd().remote(),
      }),
    );
    await probe.line('ready');
    cancel.abort();
    const { events, error } = await probe.settled;
    expect(error).toBeUndefined();
    // It counts SIGINT and goes on, so SIGKILL follows after forceKillAfterDelay.
    expect(dataOf(events, 'stdout')).toEqual(['ready', 'INT 1']);
    expect(exitOf(events)).toMatchObject({ code: null, signal: 'SIGKILL', timedOut: false });
  });

  it('a command that ends on the kill signal is reported killed by it, as a local child', async () => {
    const cancel = new AbortController();
    const probe = new TimelineProbe(pipemux(node, [fixture('forever.mjs')], { cancelSignal: cancel.signal, remote: sshd().remote() }));
    await probe.line('ready');
    cancel.abort();
    expect(exitOf((await probe.settled).events)).toMatchObject({ code: null, signal: 'SIGTERM' });
  });

  it('unsubscribing at any moment of the start leaves nothing running on the host', async () => {
    const marker = `pipemux-early-${process.pid}`;
    for (const ms of [0, 1, 5, 20, 50, 100, 200, 400]) {
      const subscription = pipemux('sh', ['-c', 'trap "" HUP; exec sleep 1000', marker], { remote: sshd().remote() }).subscribe();
      await new Promise((resolve) => setTimeout(resolve, ms));
      subscription.unsubscribe();
    }
    expect(await holdsWithin(async () => (await countOnHost(sshd(), marker)) === 0, 15_000)).toBe(true);
  });

  it('take(1) on the spawn event ends the command at once', async () => {
    const [spawn] = await lastValueFrom(pipemux('sh', STUBBORN, { remote: sshd().remote() }).pipe(take(1), toArray()));
    expect(await goneOnHost(sshd(), [(spawn as SpawnEvent).remote!.pid], 10_000)).toBe(true);
  });

  it.each(['SIGTERM', 'exit'] as const)('this process ending (%s) ends its remote commands, even one that ignores SIGTERM', async (how) => {
    const parent = new TimelineProbe(pipemux(viteNode, [fixture('remote-parent.ts'), JSON.stringify(sshd().remote())], { stdin: 'ignore' }));
    const report = await parent.stdoutLine((line) => line.startsWith('{'));
    const { parent: parentPid, remotePid } = JSON.parse(report) as { parent: number; remotePid: number };
    expect(await aliveOnHost(sshd(), remotePid)).toBe(true);
    process.kill(parentPid, how === 'SIGTERM' ? 'SIGTERM' : 'SIGUSR2');
    await parent.settled;
    expect(await goneOnHost(sshd(), [remotePid], 10_000)).toBe(true);
  });
});
