import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { muxAll, type InputMessage } from '../../src/index.js';
import { holdsWithin } from '../helpers/deadline.js';
import { isAlive } from '../helpers/processes.js';
import { find, nodeJob, record } from './support.js';

const FORCE_KILL_AFTER = 1000;

describe('kill-others', () => {
  it('sends SIGTERM to the others at once after the trigger, and SIGKILL after forceKillAfterDelay to one that ignores it', async () => {
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
    // At once: well before SIGKILL would come (tens of ms when idle; a loaded 2-core machine took 120).
    expect(politeTerm.at - trigger.at).toBeLessThan(FORCE_KILL_AFTER / 2);
    expect(stubbornTerm.at - trigger.at).toBeLessThan(FORCE_KILL_AFTER / 2);
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
    const input = new Subject<InputMessage>();
    const jobs = [
      // "early" exits 2 at once; the grandchild it leaves holds its stdout, so its exit event waits.
      { name: 'early', file: 'sh', args: ['-c', 'sleep 600 & echo $!; exit 2'] },
      nodeJob('trigger', 'exit-on-line.mjs', ['1']),
    ];
    let early: { pid: number; grandchild?: number } | undefined;
    let triggerWaits = false;
    let told = false;
    // The trigger fails once Node has seen "early" exit (it was reaped), and not before: the order is
    // the test's, not the scheduler's. Its kill-others then finds early's exit event still held back.
    const failTriggerOnceEarlyExited = () => {
      if (early?.grandchild === undefined || !triggerWaits || told) return;
      told = true;
      const { pid } = early;
      void holdsWithin(() => !isAlive(pid), 10_000).then(() => input.next({ to: 'trigger', data: 'go\n' }));
    };
    const run = await record(muxAll(jobs, { killOthersOn: ['failure'], success: ['early'], input }), (event) => {
      if (event.type === 'summary') return;
      if (event.name === 'early' && event.type === 'spawn') early = { pid: event.pid };
      else if (event.name === 'early' && event.type === 'stdout') early!.grandchild = Number(event.data);
      else if (event.name === 'trigger' && event.type === 'stdout' && event.data === 'waiting') triggerWaits = true;
      else if (event.name === 'trigger' && event.type === 'exit') process.kill(early!.grandchild!, 'SIGKILL');
      if (event.type === 'spawn' || event.type === 'stdout') failTriggerOnceEarlyExited();
    });
    expect(find(run, 'trigger', (e) => e.type === 'exit').at).toBeLessThan(find(run, 'early', (e) => e.type === 'exit').at);
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
