import { Observable } from 'rxjs';
import { planRun, type RunPlan } from './options.js';
import { ChildRun } from './process/childRun.js';
import type { RunParts } from './process/ports.js';
import { applyLineBuffering } from './buffering/lineBuffering.js';
import { createInputSource } from './stdin/createInputSource.js';
import { TeeSet } from './sinks/teeSet.js';
import { colorEnvironment } from './tty/colorEnvironment.js';
import { createTtyInspector } from './tty/ttyInspector.js';
import { StopSwitch } from './process/stopSignal.js';
import { remoteTimeline } from './remote/remoteTimeline.js';
import type { MuxEvent, PipemuxOptions } from './types.js';

/**
 * Runs `file` with piped stdio and gives everything that happens to it as one ordered timeline:
 * a `spawn` event, then `stdout` / `stderr` data events (lines, or raw chunks in chunk mode) in
 * arrival order, then an `exit` event as the last value, then completion.
 *
 * The observable is cold: each subscription spawns one child, and unsubscribing kills it
 * (`killSignal`, then SIGKILL after `forceKillAfterDelay`) and releases what it held.
 * No shell is used unless `shell` is set. Runtime failures (command not found, bad cwd, …)
 * arrive as typed errors on the error channel; invalid options throw an `InvalidOptionError` at once.
 *
 * @example
 * ```ts
 * import { pipemux, prefix } from 'pipemux';
 *
 * pipemux('find', ['/etc', '-name', '*.conf'])
 *   .pipe(prefix({ stderr: 'E: ' }))
 *   .subscribe((event) => {
 *     if (event.type === 'stdout' || event.type === 'stderr') console.log(event.data);
 *     if (event.type === 'exit') console.log(`exit ${event.code}`);
 *   });
 * ```
 */
export function pipemux(file: string, args?: readonly string[], options?: PipemuxOptions & { mode?: 'lines' }): Observable<MuxEvent<string>>;
export function pipemux(file: string, args: readonly string[] | undefined, options: PipemuxOptions & { mode: 'chunks' }): Observable<MuxEvent<Buffer>>;
export function pipemux(file: string, args?: readonly string[], options?: PipemuxOptions): Observable<MuxEvent>;
export function pipemux(file: string, args?: readonly string[], options?: PipemuxOptions): Observable<MuxEvent> {
  const plan = planRun(file, args, options);
  // With `remote`, the local child is ssh: remote/ runs it through runLocally and stands in between.
  return plan.options.remote === undefined
    ? runLocally(plan)
    : remoteTimeline(plan, (ssh, extraParts) => runLocally({ ...planRun(ssh.file, ssh.args, ssh.options), command: ssh.command }, extraParts));
}

/** One ChildRun per subscription; `extraParts` add or replace parts of the run (remote/'s output filter). */
function runLocally(plan: RunPlan, extraParts?: Partial<RunParts>): Observable<MuxEvent> {
  return new Observable<MuxEvent>((subscriber) => {
    const stop = new StopSwitch();
    new ChildRun(plan, (event) => subscriber.next(event), { ...buildRunParts(plan), ...extraParts }).run(stop).then(
      () => subscriber.complete(),
      (error: unknown) => subscriber.error(error),
    );
    return () => stop.stop();
  });
}

// Stateless: one inspector serves every run.
const inspectTty = createTtyInspector();

/**
 * Builds the parts of one run (tee sinks, stdin source, tty inspector, colour environment, line
 * buffering) from its plan. Called once per subscription: parts hold resources.
 */
function buildRunParts(plan: RunPlan): RunParts {
  const parts: RunParts = { inspect: inspectTty };
  const colorEnv = colorEnvironment(plan.color);
  if (colorEnv !== undefined) parts.env = colorEnv;
  if (plan.tee !== undefined) parts.tap = new TeeSet(plan.tee, plan);
  const input = createInputSource(plan.stdin, plan);
  if (input !== undefined) parts.input = input;
  if (plan.echoInput) parts.echoInput = true;
  if (plan.lineBuffered) parts.lineBuffering = applyLineBuffering;
  return parts;
}
