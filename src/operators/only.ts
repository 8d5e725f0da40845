import { filter, type OperatorFunction } from 'rxjs';
import type { MuxEvent } from '../types.js';

/**
 * Keeps only the events of the given types.
 *
 * @example
 * ```ts
 * // Just the error lines of a run:
 * pipemux('find', ['/']).pipe(only('stderr')).subscribe((e) => console.error(e.data));
 * ```
 */
export function only<E extends MuxEvent, T extends E['type']>(...types: T[]): OperatorFunction<E, Extract<E, { type: T }>> {
  const wanted = new Set<string>(types);
  return filter((event): event is Extract<E, { type: T }> => wanted.has(event.type));
}
