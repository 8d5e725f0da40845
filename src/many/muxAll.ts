import { Observable } from 'rxjs';
import { checkMuxAll } from './checkMuxAll.js';
import { ManyRun } from './manyRun.js';
import type { LineJob, ManyEvent, MuxAllOptions, MuxJob } from './types.js';

/**
 * Runs several commands, each as its own pipemux timeline, under one scheduler, and gives
 * everything as one timeline: every event of every child (with its `name`, `index` and
 * `attempt`) in arrival order, then a `summary` event (each child's exit code or signal,
 * duration, restarts and outcome, and whether the run succeeded by the `success` rule), then
 * completion. Each child keeps pipemux's guarantees: whole lines, nothing lost, owned lifetimes.
 *
 * The observable is cold: subscribing starts the children (at most `maxConcurrent` at a time,
 * in order); unsubscribing kills every child and releases everything. Kill-others stops the
 * running children with their `killSignal` (then SIGKILL after `forceKillAfterDelay`) and still
 * delivers their exit events; children not started yet are never started. A child that cannot
 * run (command not found, …) is a failure of that child, with its `error` in the summary.
 * Invalid jobs or options throw an `InvalidOptionError` at once; a message of `input` for no
 * child errors the run with an `InputTargetError`.
 *
 * @example
 * ```ts
 * import { muxAll, prefix } from 'pipemux';
 *
 * muxAll(
 *   [
 *     { name: 'server', file: 'node', args: ['server.js'] },
 *     { name: 'test', file: 'npm', args: ['test'] },
 *   ],
 *   { killOthersOn: ['success', 'failure'], success: ['test'] },
 * )
 *   .pipe(prefix({ stdout: '[{name}] ', stderr: '[{name}] ', color: 'auto' }))
 *   .subscribe((event) => {
 *     if (event.type === 'stdout') console.log(event.data);
 *     if (event.type === 'stderr') console.error(event.data);
 *     if (event.type === 'summary') process.exitCode = event.success ? 0 : 1;
 *   });
 * ```
 */
export function muxAll(jobs: readonly LineJob[], options?: MuxAllOptions): Observable<ManyEvent<string>>;
export function muxAll(jobs: readonly MuxJob[], options?: MuxAllOptions): Observable<ManyEvent>;
export function muxAll(jobs: readonly MuxJob[], options?: MuxAllOptions): Observable<ManyEvent> {
  const plan = checkMuxAll(jobs, options);
  return new Observable<ManyEvent>((subscriber) => {
    const run = new ManyRun(plan, subscriber);
    run.start();
    return () => run.stop();
  });
}
