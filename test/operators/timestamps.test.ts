import { describe, expect, it } from 'vitest';
import { formatElapsed, pipemux, timestamps, type OutputEvent } from '../../src/index.js';
import { collect } from '../helpers/collect.js';
import { nodeFixture } from '../helpers/fixtures.js';

const outputOf = <E extends { type: string }>(events: E[]) => events.filter((e): e is E & OutputEvent => e.type === 'stdout' || e.type === 'stderr');

describe('timestamps()', () => {
  it.each([
    { timeMs: 0, text: '[   0.000s] ' },
    { timeMs: 1234, text: '[   1.234s] ' },
    { timeMs: 61_000.4, text: '[  61.000s] ' },
    { timeMs: 12_345_678, text: '[12345.678s] ' },
  ])('formatElapsed($timeMs) is $text', ({ timeMs, text }) => {
    expect(formatElapsed(timeMs)).toBe(text);
  });

  it('puts the elapsed time of each line before it (default format)', async () => {
    const events = outputOf(await collect(pipemux(...nodeFixture('print-lines.mjs', '3')).pipe(timestamps())));
    expect(events.map((e) => e.data)).toEqual([0, 1, 2].map((i) => `${formatElapsed(events[i]!.time)}line ${i}`));
    expect(events.every((e) => /^\[ {3}\d\.\d{3}s\] line \d$/.test(e.data))).toBe(true);
  });

  it('takes a format, and stamps a long line once (not its continuation pieces)', async () => {
    const timeline = pipemux(...nodeFixture('write-chunks.mjs', `err:${Buffer.from('abcdef\nxy\n').toString('hex')}`), { maxLineLength: 4 });
    const events = outputOf(await collect(timeline.pipe(timestamps({ format: (ms) => `${Math.round(ms)}ms ` }))));
    const stamp = (i: number) => `${Math.round(events[i]!.time)}ms `;
    expect(events.map((e) => e.data)).toEqual([`${stamp(0)}abcd`, 'ef', `${stamp(2)}xy`]);
  });
});
