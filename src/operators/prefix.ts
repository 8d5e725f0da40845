import type { OperatorFunction } from 'rxjs';
import type { MuxEvent } from '../types.js';
import { prependToLines } from './prependToLines.js';

/** Text to put before the lines of each stream. */
export interface PrefixOptions {
  stdout?: string;
  stderr?: string;
}

/**
 * Puts a fixed text before every line of a stream (in chunk mode, before every chunk).
 *
 * @example
 * ```ts
 * // find's output live, with its errors marked:
 * pipemux('find', ['/etc']).pipe(prefix({ stderr: 'E: ' }))
 * ```
 */
export function prefix<E extends MuxEvent>(prefixes: PrefixOptions): OperatorFunction<E, E> {
  return prependToLines((event) => prefixes[event.type]);
}
