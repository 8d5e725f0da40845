import { describeValue, InvalidOptionError } from '../errors.js';

/**
 * Throws the InvalidOptionError of an operator's bad argument: a programming error, reported when
 * the operator is made, not as a run-time failure of the timeline it is put on.
 */
export function failOperatorOption(operator: string, option: string, problem: string, value: unknown): never {
  throw new InvalidOptionError(`${operator}(): ${option} ${problem}, got ${describeValue(value)}`, { command: '', cwd: process.cwd(), option });
}

/** Checks that `options` is an object (or undefined) holding only the given keys. */
export function checkOptionsObject(operator: string, options: unknown, known: readonly string[]): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) failOperatorOption(operator, 'options', 'must be an object', options);
  for (const key of Object.keys(options))
    if (!known.includes(key)) failOperatorOption(operator, key, `is not an option (known: ${known.join(', ')})`, (options as Record<string, unknown>)[key]);
}
