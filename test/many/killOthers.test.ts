import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { muxAll, type InputMessage } from '../../src/index.js';
import { useTempDir } from '../helpers/tempDir.js';
import { find, nodeJob, record } from './support.js';

const FORCE_KILL_AFTER = 600;
const dir = useTempDir('pipemux-kill-others-');

describe('kill-others', () => {
  it('sends SIGTERM to the others within 100 ms of the trigger, and SIGKILL after forceKillAfterDelay to one that ignores it', async () => {
    const input = new Subject<InputMessage>();
    const jobs = [
      nodeJob('trigger', 'exit-on-line.mjs', ['1']),
      nodeJob('polite', 'term-reporter.mjs'),
      nodeJob('stubborn', 'term-reporter.mjs', ['ignore'], { forceKillAfterDelay: FORCE_KILL_AFTER }),
    ];
    let ready = 0;
    // The trigger fails only once both others are running and listening for SIGTERM.
    const run = await record(muxAll(jobs, { killOthersOn: ['failure'], input }), (event) => {
      if (event.type === 'stdout' && event.data === 'ready' && ++ready === 2) input.next({ to: 'trigger', data: 'go\n' });
    });
    const trigger = find(run, 'trigger', (e) => e.type === 'exit');
    const politeTerm = find(run, 'polite', (e) => e.type === 'stdout' && e.data === 'SIGTERM');
    const stubbornTerm = find(run, 'stubborn', (e) => e.type === 'stdout' && e.data === 'SIGTERM');
    const stubbornExit = find(run, 'stubborn', (e) => e.type === 'exit');
    expect(politeTerm.at - trigger.at).toBeLessThan(100);
    expect(stubbornTerm.at - trigger.at).toBeLessThan(100);
    expect(stubbornExit.at - trigger.at).toBeGreaterThanOrEqual(FORCE_KILL_AFTER);
    const { summary } = run;
    expect(summary.killOthers).toMatchObject({ index: 0, name: 'trigger', reason: 'failure' });
    expect(summary.children.map((c) => [c.name, c.outcome, c.code, c.signal])).toEqual([
      ['trigger', 'failure', 1, null],
      ['polite', 'killed', null, 'SIGTERM'],
      ['stubborn', 'killed', null, 'SIGKILL'],
    ]);
    // The killed ones never count: the run failed because the trigger did.
    expect(summary).toMatchObject({ success: false, failedBy: 0 });
  });

  it('succeeds when the tests pass and the server is killed (concurrently#187)', async () => {
    const input = new Subject<InputMessage>();
    const jobs = [nodeJob('server', 'term-reporter.mjs'), nodeJob('test', 'exit-on-line.mjs', ['0'])];
    const run = await record(muxAll(jobs, { killOthersOn: ['success', 'failure'], input }), (event) => {
      if (event.type === 'stdout' && event.name === 'server' && event.data === 'ready') input.next({ to: 'test', data: 'pass\n' });
    });
    expect(run.summary.children.map((c) => [c.outcome, c.code ?? c.signal])).toEqual([
      ['killed', 'SIGTERM'],
      ['success', 0],
    ]);
    expect(run.summary.success).toBe(true);
  });

  it('fails when the only child the rule names was killed because another crashed', async () => {
    const input = new Subject<InputMessage>();
    const jobs = [nodeJob('server', 'exit-on-line.mjs', ['1']), nodeJob('test', 'term-reporter.mjs')];
    const run = await record(muxAll(jobs, { killOthersOn: ['failure'], success: ['test'], input }), (event) => {
      if (event.type === 'stdout' && event.name === 'test' && event.data === 'ready') input.next({ to: 'server', data: 'crash\n' });
    });
    expect(run.summary.children.map((c) => c.outcome)).toEqual(['failure', 'killed']);
    expect(run.summary.success).toBe(false);
    expect(run.summary.failedBy).toBeUndefined();
  });

  it('never starts the children still waiting for their turn', async () => {
    const jobs = [nodeJob('first', 'exit-with.mjs', ['2']), nodeJob('second', 'forever.mjs'), nodeJob('third', 'forever.mjs')];
    const run = await record(muxAll(jobs, { killOthersOn: ['failure'], maxConcurrent: 1 }));
    expect(run.summary.children.map((c) => [c.outcome, c.attempts.length])).toEqual([
      ['failure', 1],
      ['skipped', 0],
      ['skipped', 0],
    ]);
    expect(run.events.filter(({ event }) => event.name !== 'first')).toEqual([]);
  });

  it('a child that had exited by itself before kill-others fired keeps its own outcome (its exit event came later: a grandchild held its pipes)', async () => {
    const fifo = join(dir(), 'handshake');
    execFileSync('mkfifo', [fifo]);
    const jobs = [
      // "early" exits 2 at once, while a grandchild keeps its stdout open for a second; the FIFO's
      // writer end closes with it, which is what lets "trigger" read EOF and fail after it.
      { name: 'early', file: 'sh', args: ['-c', 'exec 3>"$0"; (sleep 1 3>&- &); exit 2', fifo] },
      { name: 'trigger', file: 'sh', args: ['-c', 'cat "$0" >/dev/null; exit 1', fifo] },
    ];
    const run = await record(muxAll(jobs, { killOthersOn: ['failure'], success: ['early'] }));
    expect(run.summary.killOthers).toMatchObject({ name: 'trigger', reason: 'failure' });
    expect(run.summary.children.map((c) => [c.name, c.outcome, c.code, c.signal])).toEqual([
      ['early', 'failure', 2, null],
      ['trigger', 'failure', 1, null],
    ]);
    expect(run.summary.failedBy).toBe(0);
  });

  it('stops each child with its own killSignal', async () => {
    const input = new Subject<InputMessage>();
    const jobs = [nodeJob('done', 'exit-on-line.mjs', ['0']), nodeJob('other', 'forever.mjs', [], { killSignal: 'SIGINT' })];
    const run = await record(muxAll(jobs, { killOthersOn: ['success'], input }), (event) => {
      if (event.type === 'stdout' && event.name === 'other' && event.data === 'ready') input.next({ to: 'done', data: 'bye\n' });
    });
    expect(run.summary.children[1]).toMatchObject({ outcome: 'killed', signal: 'SIGINT' });
  });
});
