import { MAX_DELAY_MS } from '../limits.js';

/**
 * Milliseconds to wait before the n-th restart (n from 0): a fixed delay, or `'exponential'`
 * (1 s, 2 s, 4 s, …, as concurrently's `--restart-after exponential`), capped at Node's longest timer.
 */
export function restartDelay(delay: number | 'exponential', restart: number): number {
  if (delay !== 'exponential') return delay;
  return Math.min(1000 * 2 ** restart, MAX_DELAY_MS);
}
