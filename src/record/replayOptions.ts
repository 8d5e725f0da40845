import type { SchedulerLike } from 'rxjs';
import { InvalidOptionError } from '../errors.js';

/** Options of `replay()`. */
export interface ReplayOptions {
  /** Playback speed: 2 is twice as fast; `Infinity` gives every event at once (as fast as possible). Default 1: the recorded timing. */
  speed?: number;
  /** `'lines'` (default): one event per line, as strings. `'chunks'`: one Buffer per recorded output event. */
  mode?: 'lines' | 'chunks';
  /** Where the delays are scheduled (rxjs's `asyncScheduler` by default; a `TestScheduler` in tests). */
  scheduler?: SchedulerLike;
}

/** The options with their defaults (`scheduler` stays undefined for the default, real-time one). */
export interface ReplaySettings {
  speed: number;
  mode: 'lines' | 'chunks';
  scheduler: SchedulerLike | undefined;
}

const KNOWN_OPTIONS = new Set(['speed', 'mode', 'scheduler']);

/**
 * Checks `replay()`'s arguments.
 * @throws InvalidOptionError for a bad path or option, at call time.
 */
export function checkReplayOptions(file: unknown, options: ReplayOptions = {}): ReplaySettings {
  const fail = (option: string, problem: string): never => {
    throw new InvalidOptionError(`replay(): ${option} ${problem}`, { command: '', cwd: process.cwd(), option });
  };
  if (typeof file !== 'string' || file === '' || file.includes('\0')) fail('file', 'must be the path of a recording');
  if (typeof options !== 'object' || options === null) fail('options', 'must be an object');
  for (const key of Object.keys(options)) if (!KNOWN_OPTIONS.has(key)) fail(key, 'is not an option of replay()');
  const { speed = 1, mode = 'lines', scheduler } = options;
  if (typeof speed !== 'number' || !(speed > 0)) fail('speed', `must be a number > 0 (Infinity: as fast as possible), not ${JSON.stringify(speed)}`);
  if (mode !== 'lines' && mode !== 'chunks') fail('mode', `must be 'lines' or 'chunks', not ${JSON.stringify(mode)}`);
  if (scheduler !== undefined && (typeof scheduler?.schedule !== 'function' || typeof scheduler?.now !== 'function'))
    fail('scheduler', 'must be an rxjs scheduler');
  return { speed, mode, scheduler };
}
