import { join } from 'node:path';
import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { muxAll, type AttemptSummary, type InputMessage } from '../../src/index.js';
import { useTempDir } from '../helpers/tempDir.js';
import { nodeJob, record, stdoutOf } from './support.js';

const dir = useTempDir('pipemux-restart-test-');

/** The pause before each restart: from one run's end to the next one's spawn. */
const gapsOf = (attempts: AttemptSummary[]) => attempts.slice(1).map((attempt, i) => attempt.startedAt! - attempts[i]!.endedAt);

describe('restarts', () => {
  it('restarts a failing child `tries` times, `delay` ms apart', async () => {
    const run = await record(muxAll([nodeJob('flaky', 'exit-with.mjs', ['3'])], { restart: { tries: 2, delay: 300 } }));
    const [child] = run.summary.children;
    expect(child).toMatchObject({ outcome: 'failure', code: 3, restarts: 2 });
    expect(child!.attempts.map((attempt) => attempt.code)).toEqual([3, 3, 3]);
    for (const gap of gapsOf(child!.attempts)) {
      expect(gap).toBeGreaterThanOrEqual(300);
      expect(gap).toBeLessThan(1300);
    }
    // Every run's events keep the child's name, with the attempt number.
    expect(run.events.filter(({ event }) => event.type === 'spawn').map(({ event }) => [event.name, event.attempt])).toEqual([
      ['flaky', 0],
      ['flaky', 1],
      ['flaky', 2],
    ]);
  });

  it("backs off exponentially: 1 s, then 2 s (concurrently's --restart-after exponential)", async () => {
    const run = await record(muxAll([nodeJob('flaky', 'exit-with.mjs', ['1'])], { restart: { tries: 2, delay: 'exponential' } }));
    const [first, second] = gapsOf(run.summary.children[0]!.attempts);
    expect(first).toBeGreaterThanOrEqual(1000);
    expect(first).toBeLessThan(2000);
    expect(second).toBeGreaterThanOrEqual(2000);
    expect(second).toBeLessThan(3000);
  });

  it('stops restarting once a run succeeds', async () => {
    const counter = join(dir(), 'runs');
    const run = await record(muxAll([nodeJob('flaky', 'fail-times.mjs', [counter, '2'])], { restart: { tries: 5 } }));
    expect(run.summary.children[0]).toMatchObject({ outcome: 'success', code: 0, restarts: 2 });
    expect(stdoutOf(run, 'flaky')).toEqual(['run 1', 'run 2', 'run 3']);
    expect(run.summary.success).toBe(true);
  });

  it('drops a pending restart when kill-others fires, and does not restart a killed child (concurrently#496)', async () => {
    const input = new Subject<InputMessage>();
    const jobs = [nodeJob('crashing', 'exit-with.mjs', ['1']), nodeJob('server', 'term-reporter.mjs'), nodeJob('test', 'exit-on-line.mjs', ['0'])];
    let waitsForRestart = false;
    let serverReady = false;
    let sent = false;
    const go = () => {
      if (sent || !waitsForRestart || !serverReady) return;
      sent = true;
      input.next({ to: 'test', data: 'pass\n' });
    };
    // The test passes while the crashing child waits 20 s for its restart and the server runs.
    const run = await record(muxAll(jobs, { killOthersOn: ['success'], restart: { tries: 3, delay: 20_000 }, input }), (event) => {
      if (event.type === 'exit' && event.name === 'crashing') waitsForRestart = true;
      if (event.type === 'stdout' && event.name === 'server' && event.data === 'ready') serverReady = true;
      go();
    });
    expect(run.summary.children.map((c) => [c.name, c.outcome, c.restarts])).toEqual([
      ['crashing', 'failure', 0],
      ['server', 'killed', 0],
      ['test', 'success', 0],
    ]);
    expect(run.summary.durationMs).toBeLessThan(20_000);
  });
});
