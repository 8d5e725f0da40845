import { lastValueFrom, tap } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { muxAll, prefix, type SummaryEvent } from '../../src/index.js';

const LINES = 1_000_000;
const NAMES = ['alpha', 'bravo', 'charlie', 'delta'];

describe('muxAll(): many children, one timeline', () => {
  it(`merges 4 × ${LINES.toLocaleString('en-US')} lines with name prefixes: none torn, none out of order in any child`, async () => {
    const next = new Map(NAMES.map((name) => [name, 1]));
    const wrong: string[] = [];
    // Checked as they stream by (4 M events are too many to keep).
    const check = tap((event: { type: string; name?: string; data?: unknown }) => {
      if (event.type !== 'stdout') return;
      const expected = next.get(event.name!)!;
      if (event.data !== `[${event.name}] ${expected}` && wrong.length < 5) wrong.push(`${event.name}: ${String(event.data)} (expected ${expected})`);
      next.set(event.name!, expected + 1);
    });
    const jobs = NAMES.map((name) => ({ name, file: 'seq', args: [String(LINES)] }));
    const summary = (await lastValueFrom(muxAll(jobs).pipe(prefix({ stdout: '[{name}] ' }), check))) as SummaryEvent;
    expect(wrong).toEqual([]);
    expect([...next.values()]).toEqual(NAMES.map(() => LINES + 1));
    expect(summary).toMatchObject({ type: 'summary', success: true });
    expect(summary.children.map((child) => [child.name, child.outcome, child.code])).toEqual(NAMES.map((name) => [name, 'success', 0]));
  });
});
