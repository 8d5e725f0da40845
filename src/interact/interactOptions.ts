import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidOptionError } from '../errors.js';
import type { PipemuxOptions } from '../types.js';
import type { InteractOptions } from './types.js';

/** Default `maxBuffer`: 1 Mi characters of unmatched output. */
export const DEFAULT_MAX_BUFFER = 1024 * 1024;
/** Default `expectTimeout`: 30 s, as pexpect. */
export const DEFAULT_EXPECT_TIMEOUT = 30_000;
/** Default `maxQueuedInput`: 16 MiB. */
export const DEFAULT_MAX_QUEUED_INPUT = 16 * 1024 * 1024;
// Node's timers hold at most 2^31 - 1 ms; a longer delay would fire after 1 ms.
const MAX_DELAY_MS = 2 ** 31 - 1;
// The options the session sets itself.
const OWNED_OPTIONS = ['mode', 'stdin', 'echoInput'] as const;

/** The session's settings, checked, with defaults; and what goes to `pipemux()`. */
export interface SessionPlan {
  maxBuffer: number;
  expectTimeout: number;
  maxQueuedInput: number;
  encoding: BufferEncoding;
  /** For error messages until the spawn event names the command. */
  command: string;
  cwd: string;
  pipemuxOptions: PipemuxOptions;
}

/** Whether `value` is a valid expect timeout: an integer number of ms a timer can hold, or `Infinity`. */
export function isExpectTimeout(value: unknown): value is number {
  return value === Infinity || (Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= MAX_DELAY_MS);
}

/**
 * Checks the session's own options and takes them out; the rest is checked by `pipemux()`.
 * @throws InvalidOptionError for a wrong value, or an option the session owns.
 */
export function planSession(file: string, args: readonly string[] | undefined, options: InteractOptions | undefined): SessionPlan {
  const { maxBuffer, expectTimeout, maxQueuedInput, ...rest } = options ?? {};
  const command = [file, ...(Array.isArray(args) ? (args as readonly unknown[]) : [])].join(' ');
  const cwd = resolveCwd(rest.cwd);
  const fail = (option: string, message: string, value: unknown): never => {
    throw new InvalidOptionError(`invalid ${option}: ${message}, got ${String(value)}`, { command, cwd, option });
  };
  for (const owned of OWNED_OPTIONS) {
    if (owned in rest) fail(owned, 'is set by interact() (the session reads chunks and owns stdin)', (rest as Record<string, unknown>)[owned]);
  }
  if (maxBuffer !== undefined && !(Number.isSafeInteger(maxBuffer) && maxBuffer >= 1)) fail('maxBuffer', 'must be a positive integer (characters)', maxBuffer);
  if (expectTimeout !== undefined && !isExpectTimeout(expectTimeout))
    fail('expectTimeout', `must be an integer from 0 to ${MAX_DELAY_MS} (ms) or Infinity`, expectTimeout);
  if (maxQueuedInput !== undefined && !(Number.isSafeInteger(maxQueuedInput) && maxQueuedInput >= 1))
    fail('maxQueuedInput', 'must be a positive integer (bytes)', maxQueuedInput);
  return {
    maxBuffer: maxBuffer ?? DEFAULT_MAX_BUFFER,
    expectTimeout: expectTimeout ?? DEFAULT_EXPECT_TIMEOUT,
    maxQueuedInput: maxQueuedInput ?? DEFAULT_MAX_QUEUED_INPUT,
    encoding: rest.encoding ?? 'utf8',
    command,
    cwd,
    pipemuxOptions: rest,
  };
}

function resolveCwd(cwd: string | URL | undefined): string {
  try {
    return cwd instanceof URL ? fileURLToPath(cwd) : resolve(cwd ?? '.');
  } catch {
    return String(cwd); // pipemux() rejects such a cwd with a clear message
  }
}
