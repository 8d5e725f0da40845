import { percentile } from '../../lib/stats.js';

/**
 * Collects round-trip latencies in µs. The first `warmUp` trips (JIT, first allocations) are
 * left out of the figures, for every subject alike.
 */
export class Latencies {
  constructor(count, warmUp) {
    this.samples = new Float64Array(count);
    this.count = 0;
    this.warmUp = warmUp;
    this.startedAt = 0;
  }

  start() {
    this.startedAt = performance.now();
  }

  /** Records the trip started by the last start(); returns how many trips are done. */
  stop() {
    this.samples[this.count++] = (performance.now() - this.startedAt) * 1000;
    return this.count;
  }

  result() {
    const measured = Array.from(this.samples.subarray(Math.min(this.warmUp, this.count), this.count));
    return { trips: this.count, p50Us: percentile(measured, 50), p99Us: percentile(measured, 99), maxUs: percentile(measured, 100) };
  }
}
