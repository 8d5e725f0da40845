import { InvalidOptionError, type ExpectedPattern } from '../errors.js';
import type { ErrorContext } from './expectFailures.js';
import { isExpectTimeout } from './interactOptions.js';
import { toSearchable } from './searchPatterns.js';
import type { TextView } from './sessionText.js';
import type { ExpectOptions, ExpectPattern } from './types.js';

/** An `expect()` call's arguments, checked. */
export interface ExpectRequest {
  patterns: ExpectPattern[];
  view: TextView;
  timeout: number;
}

const EXPECT_OPTIONS = new Set(['timeout', 'stream']);

/**
 * Checks `expect()`'s arguments and fills in the default timeout.
 * @throws InvalidOptionError naming the argument (`pattern`, `timeout`, `stream`).
 */
export function checkExpectArguments(
  pattern: ExpectedPattern,
  options: ExpectOptions | undefined,
  defaultTimeout: number,
  context: ErrorContext,
): ExpectRequest {
  // The common call, checked without allocating (tight send/expect loops).
  if (options === undefined && ((typeof pattern === 'string' && pattern !== '') || pattern instanceof RegExp)) {
    return { patterns: [toSearchable(pattern)], view: 'all', timeout: defaultTimeout };
  }
  const fail = (option: string, message: string): never => {
    throw new InvalidOptionError(`invalid ${option} of expect(): ${message}`, { ...context, option });
  };
  const list: unknown[] = Array.isArray(pattern) ? pattern : [pattern];
  if (list.length === 0) fail('pattern', 'the list is empty');
  for (const item of list) {
    if (item === '') fail('pattern', 'an empty string matches at once: give the text to wait for');
    if (typeof item !== 'string' && !(item instanceof RegExp)) fail('pattern', `must be a string, a RegExp or a list of them, got ${typeof item}`);
  }
  if (options !== undefined && (typeof options !== 'object' || options === null)) fail('options', 'must be an object');
  const unknown = Object.keys(options ?? {}).find((key) => !EXPECT_OPTIONS.has(key));
  if (unknown !== undefined) fail(unknown, 'unknown option (allowed: timeout, stream)');
  const { timeout = defaultTimeout, stream } = options ?? {};
  if (!isExpectTimeout(timeout)) fail('timeout', `must be an integer from 0 to ${2 ** 31 - 1} (ms) or Infinity, got ${String(timeout)}`);
  if (stream !== undefined && stream !== 'stdout' && stream !== 'stderr') fail('stream', `must be 'stdout' or 'stderr', got ${String(stream)}`);
  return { patterns: (list as ExpectPattern[]).map(toSearchable), view: stream ?? 'all', timeout };
}
