import { describe, expect, it } from 'vitest';
import { pipemux } from '../../src/index.js';
import { collect, dataOf, exitOf } from '../helpers/collect.js';
import { nodeFixture } from '../helpers/fixtures.js';
import { expectLines, expectWellFormedTimeline } from './timeline.js';

// Property 1: every byte written before exit is delivered before the exit event.
describe('nothing lost', () => {
  it.each([1, 2, 3])('100,000 lines from a node child that exits in its write callback, run %i', async () => {
    const events = await collect(pipemux(...nodeFixture('print-lines.mjs', '100000')));
    expectWellFormedTimeline(events);
    expectLines(dataOf(events, 'stdout'), 100_000, (i) => `line ${i}`);
    expect(events).toHaveLength(100_002);
    expect(exitOf(events)).toMatchObject({ code: 0, signal: null });
  });

  it('100,000 lines on stderr', async () => {
    const events = await collect(pipemux(...nodeFixture('print-lines.mjs', '100000', 'stderr')));
    expectWellFormedTimeline(events);
    expectLines(dataOf(events, 'stderr'), 100_000, (i) => `line ${i}`);
    expect(dataOf(events, 'stdout')).toEqual([]);
  });

  // The child is gone before the spawn event is out (inspecting it takes a moment): Node then
  // resumes its unread pipes itself, so output not listened to by then would be dropped.
  it.each(Array.from({ length: 10 }, (_, run) => run + 1))('a child that writes and exits at once, run %i', async () => {
    const events = await collect(pipemux('sh', ['-c', 'echo out; echo err >&2']));
    expectWellFormedTimeline(events);
    expect(dataOf(events, 'stdout')).toEqual(['out']);
    expect(dataOf(events, 'stderr')).toEqual(['err']);
    expect(exitOf(events).code).toBe(0);
  });

  it.each([
    { name: 'seq', file: 'seq', args: ['1', '100000'], options: {} },
    { name: 'sh -c seq', file: 'sh', args: ['-c', 'seq 1 100000'], options: {} },
    { name: 'shell: true', file: 'seq 1 100000', args: [], options: { shell: true } },
  ])('100,000 lines from $name', async ({ file, args, options }) => {
    const events = await collect(pipemux(file, args, options));
    expectWellFormedTimeline(events);
    expectLines(dataOf(events, 'stdout'), 100_000, (i) => String(i + 1));
    expect(exitOf(events).code).toBe(0);
  });
});
