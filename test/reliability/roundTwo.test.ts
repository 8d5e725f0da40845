import { execa } from 'execa';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pipemux, type MuxEvent, type OutputEvent } from '../../src/index.js';
import { collectSettled, exitOf } from '../helpers/collect.js';
import { fixture } from '../helpers/fixtures.js';
import { SuiteFigures } from './support/figures.js';
import { runs } from './support/soak.js';

// Reliability, round two: the cases found by trying to break the library as a user would.
const figures = new SuiteFigures('roundTwo', 'Round two: slow subscribers, dead sinks, false reports, trees');

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const SEQ_LINES = 30_000;
const expectedSeq = (count: number) => Array.from({ length: count }, (_, i) => String(i + 1));

/** Blocks the event loop for `ms`, as a subscriber doing synchronous work does. */
function blockLoop(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

/** How many of `expected` are missing or different in `actual` (0 when they are equal). */
function linesLost(actual: readonly string[], expected: readonly string[]): number {
  let same = 0;
  while (same < actual.length && same < expected.length && actual[same] === expected[same]) same++;
  return expected.length - same + Math.max(0, actual.length - expected.length);
}

describe('§1 a slow subscriber loses nothing', () => {
  it('a subscriber that blocks the loop far longer than drainTimeout in total: every line, no pipesHeldOpen', async () => {
    const count = runs(3);
    let lost = 0;
    let held = 0;
    let slowest = 0;
    for (let run = 0; run < count; run++) {
      const lines: string[] = [];
      let blocked = 0;
      const started = performance.now();
      // 20 ms of work every 1,000 lines: about 220 ms per 64 KiB chunk, twice the drainTimeout.
      const { events, error } = await collectSettled(
        pipemux('seq', ['1', String(SEQ_LINES)], { drainTimeout: 100 }),
        (event: MuxEvent) => {
          if (event.type !== 'stdout') return;
          lines.push(event.data as string);
          if (lines.length % 1000 === 0) {
            blockLoop(20);
            blocked += 20;
          }
        },
      );
      slowest = Math.max(slowest, performance.now() - started);
      expect(error).toBeUndefined();
      expect(blocked).toBeGreaterThan(100 * 5);
      lost += linesLost(lines, expectedSeq(SEQ_LINES));
      if (exitOf(events).pipesHeldOpen !== undefined) held++;
      expect(lines.at(-1)).toBe(String(SEQ_LINES));
      expect(events.some((e) => e.type === 'stdout' && (e as OutputEvent).partial)).toBe(false);
    }
    figures.add({ scenario: `\`seq 1 ${SEQ_LINES}\`, subscriber blocks 20 ms per 1,000 lines, drainTimeout 100`, runs: count, linesExpected: count * SEQ_LINES, linesLost: lost, problems: held, settleMs: Math.round(slowest) });
    expect({ lost, held }).toEqual({ lost: 0, held: 0 });
  });

  it('the CLI on a slow terminal (its writes block): every line, no "still holds" message, exit 0', async () => {
    // ~27 KB/s (as measured on a slow terminal): each 64 KiB read takes over 2 s to show, longer than the default drainTimeout.
    const started = performance.now();
    const { stdout } = await execa('python3', [fixture('slow-terminal.py'), '27000', process.execPath, cli, 'seq', '1', String(SEQ_LINES)]);
    const { text, status } = JSON.parse(stdout) as { text: string; status: number };
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    const lost = linesLost(lines, expectedSeq(SEQ_LINES));
    figures.add({ scenario: `CLI \`seq 1 ${SEQ_LINES}\` on a terminal read at ~27 KB/s`, runs: 1, linesExpected: SEQ_LINES, linesLost: lost, outcome: `exit ${status}`, settleMs: Math.round(performance.now() - started) });
    expect(text).not.toContain('pipemux:');
    expect(lost).toBe(0);
    expect(status).toBe(0);
  });

  it('a line cut off by closing a held pipe is delivered marked partial, never as a whole line', async () => {
    // The child writes half a line and exits; its background grandchild keeps stdout open.
    const { events } = await collectSettled(pipemux('sh', ['-c', 'printf "whole\\nhalf a li"; sleep 30 & echo $! >&2'], { drainTimeout: 100 }));
    const grandchild = events.find((e): e is OutputEvent<string> => e.type === 'stderr')?.data as string;
    try {
      const stdout = events.filter((e): e is OutputEvent<string> => e.type === 'stdout').map((e) => ({ data: e.data, partial: e.partial === true }));
      expect(stdout).toEqual([
        { data: 'whole', partial: false },
        { data: 'half a li', partial: true },
      ]);
      expect(exitOf(events).pipesHeldOpen).toEqual(['stdout', 'stderr']);
      figures.add({ scenario: 'a grandchild holds the pipes after half a line', runs: 1, outcome: 'the half line comes marked partial, then exit with pipesHeldOpen' });
    } finally {
      if (/^[1-9]\d*$/.test(grandchild ?? '')) process.kill(Number(grandchild), 'SIGKILL');
    }
  });
});
