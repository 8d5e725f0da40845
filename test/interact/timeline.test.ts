import { describe, expect, it } from 'vitest';
import type { MuxEvent } from '../../src/index.js';
import { useSessions } from './sessions.js';

const start = useSessions();
const describeEvent = (event: MuxEvent) => ('data' in event ? `${event.type}:${String(event.data)}` : event.type);

describe('timeline: the whole session', () => {
  it('has spawn, what was sent (stdin events), the raw output as Buffers, and exit, sharing seq', async () => {
    const { session, probe } = start('cat');
    await session.sendLine('one');
    await session.expect('one\n');
    await session.send('two');
    await session.expect('two');
    await session.end();
    const { events, error } = await probe.settled;
    expect(error).toBeUndefined();
    expect(events.map(describeEvent)).toEqual(['spawn', 'stdin:one\n', 'stdout:one\n', 'stdin:two', 'stdout:two', 'exit']);
    expect(events.every((e) => e.type !== 'stdout' || Buffer.isBuffer(e.data))).toBe(true);
    expect(events.flatMap((e) => ('seq' in e ? [e.seq] : []))).toEqual([0, 1, 2, 3]);
    expect(await session.exited).toBe(events.at(-1));
  });

  it('is hot: a late subscriber sees what comes next; one after the end gets completion at once', async () => {
    const { session } = start('cat');
    await session.sendLine('early');
    await session.expect('early\n');
    const late: string[] = [];
    const lateDone = new Promise<void>((resolve) => session.timeline.subscribe({ next: (e) => late.push(describeEvent(e)), complete: resolve }));
    await session.sendLine('late');
    await session.expect('late\n');
    await session.end();
    await lateDone;
    expect(late).toEqual(['stdin:late\n', 'stdout:late\n', 'exit']);
    const afterEnd: string[] = [];
    let completed = false;
    session.timeline.subscribe({ next: (e) => afterEnd.push(describeEvent(e)), complete: () => (completed = true) });
    expect([afterEnd, completed]).toEqual([[], true]);
  });

  it('unsubscribing from the timeline leaves the session running', async () => {
    const { session } = start('cat');
    session.timeline.subscribe().unsubscribe();
    await session.sendLine('still');
    expect((await session.expect('still\n')).before).toBe('');
  });

  it('a subscriber that reacts to an event already finds its text matchable by expect()', async () => {
    const { session } = start('cat');
    const seen = new Promise<string>((resolve) =>
      session.timeline.subscribe((event) => {
        if (event.type === 'stdout') void session.expect('ping', { timeout: 0 }).then((result) => resolve(result.match[0]));
      }),
    );
    await session.sendLine('ping');
    expect(await seen).toBe('ping');
  });
});
