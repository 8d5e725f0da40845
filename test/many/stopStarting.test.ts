import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { muxAll, type InputMessage } from '../../src/index.js';
import { nodeJob, record } from './support.js';

// stopStarting: winding a run down without killing (what pipemux --many does at Ctrl-C, after the
// terminal's signal reached the running children): no start, no restart; the running ones go on.
describe('muxAll stopStarting', () => {
  it('children waiting for their turn never start; the running one ends as it will, with its events', async () => {
    const stopStarting = new AbortController();
    const input = new Subject<InputMessage>();
    const jobs = [nodeJob('running', 'exit-on-line.mjs', ['0']), nodeJob('queued', 'forever.mjs'), nodeJob('also queued', 'forever.mjs')];
    const run = await record(muxAll(jobs, { maxConcurrent: 1, input, stopStarting: stopStarting.signal }), (event) => {
      if (event.type === 'spawn') {
        stopStarting.abort();
        input.next({ to: 'running', data: 'done\n' });
      }
    });
    expect(run.summary.children.map((c) => [c.name, c.outcome, c.attempts.length])).toEqual([
      ['running', 'success', 1],
      ['queued', 'skipped', 0],
      ['also queued', 'skipped', 0],
    ]);
    expect(run.events.filter(({ event }) => event.name !== 'running')).toEqual([]);
  });

  it('a child that fails after it aborted is not restarted', async () => {
    const stopStarting = new AbortController();
    const input = new Subject<InputMessage>();
    const jobs = [nodeJob('flaky', 'exit-on-line.mjs', ['3'])];
    const run = await record(muxAll(jobs, { restart: { tries: 5 }, input, stopStarting: stopStarting.signal }), (event) => {
      if (event.type === 'spawn') {
        stopStarting.abort();
        input.next({ data: 'fail\n' });
      }
    });
    expect(run.summary.children.map((c) => [c.outcome, c.code, c.restarts])).toEqual([['failure', 3, 0]]);
  });

  it('aborted before the subscription: nothing starts, the summary says every child was skipped', async () => {
    const run = await record(muxAll([nodeJob('a', 'forever.mjs'), nodeJob('b', 'forever.mjs')], { stopStarting: AbortSignal.abort() }));
    expect(run.summary.children.map((c) => c.outcome)).toEqual(['skipped', 'skipped']);
    expect(run.events).toEqual([]);
  });

  it('is checked: anything but an AbortSignal is an InvalidOptionError', () => {
    expect(() => muxAll([nodeJob('a', 'forever.mjs')], { stopStarting: 'now' as unknown as AbortSignal })).toThrow(
      /invalid stopStarting: must be an AbortSignal/,
    );
  });
});
