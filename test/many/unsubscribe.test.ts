import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { lastValueFrom, Subject, take, toArray, type Subscription } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { muxAll, type InputMessage, type ManyEvent } from '../../src/index.js';
import { holdsWithin } from '../helpers/deadline.js';
import { isAlive, openFdCount } from '../helpers/processes.js';
import { nodeJob } from './support.js';

describe('unsubscribing from muxAll()', () => {
  it('mid-run kills every child and leaves no process, fd or FIFO', async () => {
    const fdsBefore = await openFdCount();
    const input = new Subject<InputMessage>();
    const jobs = [
      nodeJob('plain', 'forever.mjs'),
      nodeJob('stubborn', 'forever.mjs', ['ignore-term'], { forceKillAfterDelay: 200 }),
      nodeJob('fifo', 'forever.mjs', [], { stdin: { fifo: true } }),
      nodeJob('routed', 'forever.mjs'),
      nodeJob('waiting', 'forever.mjs'),
    ];
    const pids: number[] = [];
    const fifos: string[] = [];
    const events: ManyEvent[] = [];
    let subscription: Subscription | undefined;
    await new Promise<void>((resolve) => {
      let ready = 0;
      subscription = muxAll(jobs, { input, maxConcurrent: 4 }).subscribe((event) => {
        events.push(event);
        if (event.type === 'spawn') {
          pids.push(event.pid);
          if (event.fifoPath !== undefined) fifos.push(event.fifoPath);
        }
        if (event.type === 'stdout' && event.data === 'ready' && ++ready === 4) resolve();
      });
    });
    subscription!.unsubscribe();
    expect(pids).toHaveLength(4);
    expect(fifos).toHaveLength(1);
    expect(events.some((event) => event.type === 'exit' || event.type === 'summary')).toBe(false);
    // Deadlines for effects no event announces once unsubscribed, not synchronisation.
    expect(await holdsWithin(() => pids.every((pid) => !isAlive(pid)))).toBe(true);
    expect(await holdsWithin(() => !existsSync(fifos[0]!) && !existsSync(dirname(fifos[0]!)))).toBe(true);
    expect(await holdsWithin(async () => (await openFdCount()) === fdsBefore)).toBe(true);
    // The input is let go too.
    expect(input.observed).toBe(false);
  });

  it('at once, before any child spawned, starts nothing and leaves nothing open', async () => {
    const fdsBefore = await openFdCount();
    muxAll([nodeJob('a', 'forever.mjs'), nodeJob('b', 'forever.mjs')])
      .subscribe()
      .unsubscribe();
    expect(await holdsWithin(async () => (await openFdCount()) === fdsBefore)).toBe(true);
  });

  it('through an operator that stops early (take): the children it started are killed', async () => {
    const fdsBefore = await openFdCount();
    const [first] = await lastValueFrom(muxAll([nodeJob('a', 'forever.mjs'), nodeJob('b', 'forever.mjs')]).pipe(take(1), toArray()));
    if (first?.type !== 'spawn') throw new Error(`first event: ${first?.type}`);
    expect(await holdsWithin(() => !isAlive(first.pid))).toBe(true);
    expect(await holdsWithin(async () => (await openFdCount()) === fdsBefore)).toBe(true);
  });
});
