import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CanceledError, ExitError, pipemux } from '../../src/index.js';
import { collectSettled, dataOf, exitOf } from '../helpers/collect.js';
import { useTempDir } from '../helpers/tempDir.js';
import { SuiteFigures } from './support/figures.js';
import { runPool } from './support/pool.js';
import { runs } from './support/soak.js';

// Round two, §3: the exit event must say what happened to the child, and a canceled run runs nothing.
const figures = new SuiteFigures('exitReports', 'Round two: what the exit event reports');
const dir = useTempDir('pipemux-rel-reports-');

describe('timedOut says what happened to the child', () => {
  it('a child that exits 0 at once while a grandchild holds the pipes past the timeout: timedOut false, no ExitError', async () => {
    const { events, error } = await collectSettled(pipemux('sh', ['-c', 'sleep 0.8 & echo $!; exit 0'], { timeout: 300, drainTimeout: 1500, reject: true }));
    const grandchild = dataOf(events, 'stdout')[0];
    try {
      expect(error).toBeUndefined();
      expect(exitOf(events)).toMatchObject({ code: 0, signal: null, timedOut: false });
      figures.add({ scenario: 'child exits 0, grandchild holds the pipes 800 ms, timeout 300', runs: 1, wrong: 0, outcome: 'timedOut false, no ExitError' });
    } finally {
      if (/^[1-9]\d*$/.test(grandchild ?? '')) process.kill(Number(grandchild), 'SIGKILL');
    }
  });

  it('the race `sleep 0.025` against `timeout: 25`: a report that says what was done, and reject that agrees with it', async () => {
    const count = runs(80);
    let wrong = 0;
    let timedOutRuns = 0;
    await runPool(count, async () => {
      const { events, error } = await collectSettled(pipemux('sleep', ['0.025'], { timeout: 25, reject: true }));
      const exit = exitOf(events);
      if (exit.timedOut) timedOutRuns++;
      // Timed out: the child still ran when the time was up and was sent SIGTERM; reject says so.
      // Not timed out: it ended on its own, with code 0, and nothing is raised.
      const consistent = exit.timedOut
        ? error instanceof ExitError &&
          error.timedOut &&
          /timed out and (was killed with SIGTERM|was sent SIGTERM, then exited with code 0)/.test(error.message)
        : exit.code === 0 && exit.signal === null && error === undefined;
      if (!consistent) wrong++;
    });
    figures.add({
      scenario: '`sleep 0.025` with timeout 25 (a race)',
      runs: count,
      wrong,
      outcome: `${timedOutRuns} timed out, ${count - timedOutRuns} exited 0 on their own`,
    });
    expect(wrong).toBe(0);
  });
});

describe('an already-aborted cancelSignal', () => {
  it('spawns nothing: no side effect, a CanceledError naming the command, no events', async () => {
    const marker = join(dir(), 'ran');
    const controller = new AbortController();
    controller.abort(new Error('user gave up'));
    const { events, error } = await collectSettled(pipemux('touch', [marker], { cancelSignal: controller.signal }));
    const ran = existsSync(marker);
    figures.add({
      scenario: 'cancelSignal aborted before subscribing',
      runs: 1,
      wrong: ran ? 1 : 0,
      outcome: ran ? 'the command ran' : 'nothing ran; CanceledError',
    });
    expect(ran).toBe(false);
    expect(events).toEqual([]);
    expect(error).toBeInstanceOf(CanceledError);
    expect((error as Error).message).toBe(`touch ${marker}: not run: its cancelSignal was aborted before it started (cwd: ${process.cwd()})`);
    expect((error as Error).cause).toEqual(new Error('user gave up'));
  });
});
