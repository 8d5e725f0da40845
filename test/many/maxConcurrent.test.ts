import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { muxAll, type InputMessage } from '../../src/index.js';
import { isAlive } from '../helpers/processes.js';
import { nodeJob, record } from './support.js';

describe('maxConcurrent', () => {
  it('runs 6 children 2 at a time, in order: never more than 2 processes alive', async () => {
    const input = new Subject<InputMessage>();
    const jobs = Array.from({ length: 6 }, (_, index) => nodeJob(`c${index}`, 'exit-on-line.mjs', ['0']));
    const started: number[] = [];
    const pids = new Map<number, number>();
    const running = new Set<number>();
    const aliveAtSpawn: number[] = [];
    // Each child lives until we send it a line; we do that only while both slots are taken (or no
    // child is left to start), so a third child could only start if the limit were broken.
    const releaseOldestWhenFull = () => {
      if (running.size === 2 || (started.length === 6 && running.size > 0)) input.next({ to: Math.min(...running), data: 'go\n' });
    };
    const run = await record(muxAll(jobs, { maxConcurrent: 2, input }), (event) => {
      if (event.type === 'spawn') {
        started.push(event.index);
        pids.set(event.index, event.pid);
        running.add(event.index);
        // Processes really alive (not just by events): every child that ever started, asked with kill(pid, 0).
        aliveAtSpawn.push([...pids.values()].filter(isAlive).length);
        releaseOldestWhenFull();
      } else if (event.type === 'exit') {
        running.delete(event.index);
        if (started.length === 6) releaseOldestWhenFull();
      }
    });
    // The first two start together: their spawn events (each after its own tty inspection) may come in either order.
    expect([...started.slice(0, 2)].sort()).toEqual([0, 1]);
    expect(started.slice(2)).toEqual([2, 3, 4, 5]);
    expect(Math.max(...aliveAtSpawn)).toBeLessThanOrEqual(2);
    expect(aliveAtSpawn.slice(1).every((count) => count === 2)).toBe(true);
    expect(run.events.filter(({ event }) => event.type === 'exit').map(({ event }) => event.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(run.summary.success).toBe(true);
  });
});
