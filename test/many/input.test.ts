import { of, Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { InputTargetError, muxAll, StdinSourceError, type InputMessage } from '../../src/index.js';
import { holdsWithin } from '../helpers/deadline.js';
import { isAlive } from '../helpers/processes.js';
import { nodeJob, record, stdoutOf } from './support.js';

const cat = (name: string) => ({ name, file: 'cat' });

describe('input routing', () => {
  it('routes each message to the one child it names (by name or index), the rest to the default target', async () => {
    const input = new Subject<InputMessage>();
    const timeline = muxAll([cat('a'), cat('b'), cat('c')], { input, defaultInputTarget: 'c' });
    const done = record(timeline);
    input.next({ to: 'b', data: 'for b\n' });
    input.next({ to: 1, data: ['x', 'y'] });
    input.next({ data: Buffer.from('for the default\n') });
    input.complete(); // EOF for every child: each cat ends
    const run = await done;
    expect(stdoutOf(run, 'a')).toEqual([]);
    expect(stdoutOf(run, 'b')).toEqual(['for b', 'x', 'y']);
    expect(stdoutOf(run, 'c')).toEqual(['for the default']);
    expect(run.summary.success).toBe(true);
  });

  it('keeps input for a child that has not started yet, and gives it to it when it starts', async () => {
    const input = new Subject<InputMessage>();
    const done = record(muxAll([cat('first'), cat('later')], { input, maxConcurrent: 1 }));
    input.next({ to: 'later', data: 'waited\n' });
    input.complete();
    const run = await done;
    expect(stdoutOf(run, 'first')).toEqual([]);
    expect(stdoutOf(run, 'later')).toEqual(['waited']);
  });

  it('leaves a job with its own stdin alone', async () => {
    const run = await record(
      muxAll([{ name: 'own', file: 'cat', options: { stdin: 'its own\n' } }, cat('routed')], { input: of({ to: 'routed', data: 'routed\n' }) }),
    );
    expect(stdoutOf(run, 'own')).toEqual(['its own']);
    expect(stdoutOf(run, 'routed')).toEqual(['routed']);
  });

  it('gives children EOF at once without input', async () => {
    const run = await record(muxAll([cat('a')]));
    expect(run.summary.children[0]).toMatchObject({ outcome: 'success', code: 0 });
  });

  it.each<[string, InputMessage | 'error', new (...args: never[]) => Error]>([
    ['a name no child has', { to: 'nobody', data: 'x\n' }, InputTargetError],
    ['an index out of range', { to: 7, data: 'x\n' }, InputTargetError],
    ['a child with its own stdin', { to: 'own', data: 'x\n' }, InputTargetError],
    ['data that is no string, Buffer or string array', { to: 'reader', data: 42 as never }, StdinSourceError],
    ['an input that errors', 'error', StdinSourceError],
    ['a message that is no object', null as never, StdinSourceError],
  ])('errors the run for %s, and kills every child', async (_name, message, errorClass) => {
    const input = new Subject<InputMessage>();
    const pids: number[] = [];
    let ready = 0;
    const jobs = [nodeJob('reader', 'term-reporter.mjs'), nodeJob('own', 'term-reporter.mjs', [], { stdin: 'mine\n' })];
    const error = await new Promise<unknown>((resolve) => {
      muxAll(jobs, { input }).subscribe({
        next: (event) => {
          if (event.type === 'spawn') pids.push(event.pid);
          // The bad message comes once both children run, so that there is something to kill.
          if (event.type !== 'stdout' || event.data !== 'ready' || ++ready !== 2) return;
          if (message === 'error') input.error(new Error('the source broke'));
          else input.next(message);
        },
        error: resolve,
        complete: () => resolve(undefined),
      });
    });
    expect(error).toBeInstanceOf(errorClass);
    expect((error as Error).message).toContain('muxAll(reader, own)');
    expect(await holdsWithin(() => pids.every((pid) => !isAlive(pid)))).toBe(true);
  });
});
