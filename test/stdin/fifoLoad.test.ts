import { readdir, readFile } from 'node:fs/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { pipemux } from '../../src/index.js';
import { Subject } from 'rxjs';
import { dataOf, exitOf } from '../helpers/collect.js';
import { TimelineProbe } from './timelineProbe.js';
import { useTempDir } from '../helpers/tempDir.js';

const CHILDREN = 50;

const parent = useTempDir('pipemux-test-', 'test');

describe('50 children with FIFO stdin at once', () => {
  it('all complete while the event loop stays responsive', async () => {
    const whole = monitorEventLoopDelay({ resolution: 10 });
    const feeding = monitorEventLoopDelay({ resolution: 10 });
    whole.enable();
    const sources = Array.from({ length: CHILDREN }, () => new Subject<string[]>());
    const probes = sources.map((source) => new TimelineProbe(pipemux('cat', [], { stdin: { fifo: true, source, dir: parent() } })));
    await Promise.all(probes.map((probe) => probe.spawned()));
    // Spawning 50 processes is synchronous work (plain execa lags as much): measure the FIFO I/O apart.
    feeding.enable();
    sources.forEach((source, i) => source.next([`child ${i} a`]));
    await Promise.all(probes.map((probe, i) => probe.line(`child ${i} a`)));
    sources.forEach((source, i) => {
      source.next([`child ${i} b`]);
      source.complete();
    });
    const results = await Promise.all(probes.map((probe) => probe.settled));
    feeding.disable();
    whole.disable();
    results.forEach(({ events, error }, i) => {
      expect(error).toBeUndefined();
      expect(dataOf(events, 'stdout')).toEqual([`child ${i} a`, `child ${i} b`]);
      expect(exitOf(events).code).toBe(0);
    });
    expect(await readdir(parent())).toEqual([]);
    const ms = (nanoseconds: number) => (nanoseconds / 1e6).toFixed(1);
    console.log(
      `event-loop lag, ${CHILDREN} FIFO children: whole run max ${ms(whole.max)} ms; while feeding max ${ms(feeding.max)} ms, p99 ${ms(feeding.percentile(99))} ms`,
    );
    // Loose on purpose: on a 2-core machine shared with other test workers, 50 child exits and their
    // cleanup took up to ~400 ms of loop time. A blocking FIFO open would not lag: it would never finish.
    expect(feeding.max / 1e6).toBeLessThan(1000);
  });

  it('50 idle FIFOs park no threadpool thread: file reads still complete', async () => {
    const probes = Array.from({ length: CHILDREN }, () => new TimelineProbe(pipemux('cat', [], { stdin: { fifo: true, dir: parent() } })));
    await Promise.all(probes.map((probe) => probe.spawned()));
    // Every FIFO is open with no writer but ours. Had an open() been left waiting in the threadpool
    // (4 threads), these reads would queue behind it forever.
    const reads = await Promise.all(Array.from({ length: 8 }, () => readFile(new URL(import.meta.url), 'utf8')));
    expect(reads.every((text) => text.includes('park no threadpool thread'))).toBe(true);
    for (const probe of probes) probe.subscription.unsubscribe();
  });
});
