import { expect } from 'vitest';
import type { MuxEvent } from '../../src/index.js';

/**
 * Asserts the shape every timeline has: `spawn` first, `exit` last and only there, and data events
 * whose `seq` counts 0, 1, 2, … across all streams.
 */
export function expectWellFormedTimeline(events: readonly MuxEvent[]): void {
  expect(events[0]?.type).toBe('spawn');
  expect(events.at(-1)?.type).toBe('exit');
  expect(events.filter((e) => e.type === 'spawn' || e.type === 'exit')).toHaveLength(2);
  const seqs = events.flatMap((e) => ('seq' in e ? [e.seq] : []));
  expect(firstMismatch(seqs, (i) => i)).toBe(-1);
}

/** Asserts `actual` is exactly `count` lines, line i being `expectedLine(i)`; names the first wrong line. */
export function expectLines(actual: readonly string[], count: number, expectedLine: (i: number) => string): void {
  const at = firstMismatch(actual, expectedLine);
  expect(at === -1 ? 'all lines as expected' : `line ${at}: ${JSON.stringify(actual[at])}, expected ${JSON.stringify(expectedLine(at))}`).toBe(
    'all lines as expected',
  );
  expect(actual).toHaveLength(count);
}

/** Index of the first value that differs from `expected(i)`, or -1 (cheap on 100,000 values, unlike a deep diff). */
function firstMismatch<T>(values: readonly T[], expected: (i: number) => T): number {
  return values.findIndex((value, i) => value !== expected(i));
}
