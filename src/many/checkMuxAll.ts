import { isObservable, type Observable } from 'rxjs';
import { InvalidOptionError } from '../errors.js';
import { pipemux } from '../pipemux.js';
import type { PipemuxOptions } from '../types.js';
import { describeJob } from './describeJob.js';
import { restartDelay } from './restartDelay.js';
import type { InputMessage, MuxAllOptions, MuxJob, SuccessRule } from './types.js';
import { MAX_DELAY_MS } from '../limits.js';

/** A job checked, named and numbered. */
export interface CheckedJob {
  name: string;
  index: number;
  file: string;
  args: readonly string[];
  options: PipemuxOptions;
  command: string;
  /** Whether routed input feeds it (it sets no `stdin` of its own and the run has `input`). */
  routable: boolean;
}

/** Everything a run needs, checked, with defaults. */
export interface ManyPlan {
  jobs: CheckedJob[];
  /** Names the run in errors: `muxAll(web, api)`. */
  label: string;
  maxConcurrent: number;
  success: SuccessRule;
  killOthersOn: ReadonlySet<'failure' | 'success'>;
  restartTries: number;
  /** Delay before the n-th restart (n from 0). */
  restartDelay: (restart: number) => number;
  input: Observable<InputMessage> | undefined;
  defaultInputTarget: number;
  stopStarting: AbortSignal | undefined;
}

const OPTION_NAMES = new Set<string>(['maxConcurrent', 'success', 'killOthersOn', 'restart', 'input', 'defaultInputTarget', 'stopStarting']);

/**
 * Checks the jobs and options of {@link muxAll} and fills in defaults.
 * @throws InvalidOptionError naming the job or option: these are programming errors.
 */
export function checkMuxAll(jobs: unknown, options: unknown): ManyPlan {
  const cwd = process.cwd();
  const fail = (command: string, option: string, message: string): never => {
    throw new InvalidOptionError(`invalid ${option}: ${message}`, { command, cwd, option });
  };
  if (!Array.isArray(jobs)) return fail('muxAll', 'jobs', 'must be an array of { name?, file, args?, options? }');
  const checked = jobs.map((job: unknown, index) => checkJob(job, index, (option, message) => fail(`muxAll job ${index}`, option, message)));
  const label = `muxAll(${checked.map((job) => job.name).join(', ')})`;
  const failOption = (option: string, message: string) => fail(label, option, message);
  const seen = new Set<string>();
  for (const job of checked) {
    if (seen.has(job.name)) failOption('jobs', `two jobs are named ${JSON.stringify(job.name)}`);
    seen.add(job.name);
  }
  const given = (options ?? {}) as Record<string, unknown>;
  if (typeof given !== 'object' || Array.isArray(given)) failOption('options', 'must be an object');
  for (const key of Object.keys(given)) if (!OPTION_NAMES.has(key) && given[key] !== undefined) failOption(key, 'unknown option');
  const valid = given as MuxAllOptions;
  const findChild = (ref: unknown) => indexOf(ref, checked);

  const maxConcurrent = valid.maxConcurrent ?? Infinity;
  if (!(maxConcurrent === Infinity || (Number.isSafeInteger(maxConcurrent) && maxConcurrent >= 1)))
    failOption('maxConcurrent', `must be a whole number >= 1 or Infinity, got ${String(maxConcurrent)}`);

  const success = valid.success ?? 'all';
  if (Array.isArray(success)) {
    if (success.length === 0) failOption('success', 'must name at least one child');
    for (const ref of success) if (findChild(ref) === undefined) failOption('success', `names no child: ${JSON.stringify(ref)}`);
  } else if (success !== 'all' && success !== 'first' && success !== 'last')
    failOption('success', `must be 'all', 'first', 'last' or a list of names or indices, got ${JSON.stringify(success)}`);

  const killOthersOn = valid.killOthersOn ?? [];
  if (!Array.isArray(killOthersOn) || !killOthersOn.every((when) => when === 'failure' || when === 'success'))
    failOption('killOthersOn', "must be an array of 'failure' and 'success'");

  const restart = valid.restart ?? { tries: 0 };
  if (typeof restart !== 'object' || restart === null) failOption('restart', 'must be { tries, delay? }');
  const tries = restart.tries;
  if (!(tries === Infinity || (Number.isSafeInteger(tries) && tries >= 0)))
    failOption('restart', `tries must be a whole number >= 0 or Infinity, got ${String(tries)}`);
  const delay = restart.delay ?? 0;
  if (delay !== 'exponential' && !(Number.isSafeInteger(delay) && delay >= 0 && delay <= MAX_DELAY_MS))
    failOption('restart', `delay must be 'exponential' or an integer from 0 to ${MAX_DELAY_MS} (ms), got ${JSON.stringify(delay)}`);

  if (valid.input !== undefined && !isObservable(valid.input)) failOption('input', 'must be an Observable of { to?, data }');
  const defaultInputTarget = valid.defaultInputTarget === undefined ? 0 : findChild(valid.defaultInputTarget);
  if (defaultInputTarget === undefined) failOption('defaultInputTarget', `names no child: ${JSON.stringify(valid.defaultInputTarget)}`);

  if (valid.stopStarting !== undefined && !(valid.stopStarting instanceof AbortSignal)) failOption('stopStarting', 'must be an AbortSignal');

  if (valid.input !== undefined) for (const job of checked) job.routable = job.options.stdin === undefined;
  return {
    jobs: checked,
    label,
    maxConcurrent,
    success,
    killOthersOn: new Set(killOthersOn),
    restartTries: tries,
    restartDelay: (n) => restartDelay(delay, n),
    input: valid.input,
    defaultInputTarget: defaultInputTarget!,
    stopStarting: valid.stopStarting,
  };
}

/** The index of the child a name (string) or index (number) refers to. */
export function indexOf(ref: unknown, jobs: readonly { name: string }[]): number | undefined {
  if (typeof ref === 'number') return Number.isInteger(ref) && ref >= 0 && ref < jobs.length ? ref : undefined;
  if (typeof ref !== 'string') return undefined;
  const index = jobs.findIndex((job) => job.name === ref);
  return index === -1 ? undefined : index;
}

function checkJob(job: unknown, index: number, fail: (option: string, message: string) => never): CheckedJob {
  if (typeof job !== 'object' || job === null) fail('job', 'must be { name?, file, args?, options? }');
  const { name = String(index), file, args = [], options = {} } = job as MuxJob;
  if (typeof name !== 'string' || name === '') fail('name', 'must be a non-empty string');
  if (typeof file !== 'string' || file === '') fail('file', 'must be a non-empty string');
  // pipemux() checks the file, arguments and options (and throws naming the command); nothing runs yet.
  pipemux(file, args, options);
  const command = options.shell ? [file, ...args].join(' ') : describeJob(file, args);
  return { name, index, file, args, options, command, routable: false };
}
