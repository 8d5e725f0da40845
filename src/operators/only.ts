import { filter, type OperatorFunction } from 'rxjs';

/**
 * The events of `E` whose type is one of `T`. Not `Extract`: an output event's `type` is
 * `'stdout' | 'stderr'`, so `Extract<E, { type: 'stdout' }>` would be `never`.
 */
export type EventOfType<E extends { type: string }, T extends E['type']> = E extends unknown
  ? [Extract<E['type'], T>] extends [never]
    ? never
    : E['type'] extends T
      ? E
      : E & { type: Extract<E['type'], T> }
  : never;

/**
 * Keeps only the events of the given types.
 *
 * @example
 * ```ts
 * // Just the error lines of a run:
 * pipemux('find', ['/']).pipe(only('stderr')).subscribe((e) => console.error(e.data));
 * ```
 */
export function only<E extends { type: string }, T extends E['type']>(...types: T[]): OperatorFunction<E, EventOfType<E, T>> {
  const wanted = new Set<string>(types);
  return filter((event): event is EventOfType<E, T> => wanted.has(event.type));
}
