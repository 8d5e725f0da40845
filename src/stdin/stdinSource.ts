import { isObservable, type Observable } from 'rxjs';
import type { FifoStdin } from '../types.js';

/** An iterator over stdin items, sync or async: the feeder awaits `next()` either way. */
export type ItemIterator = Iterator<unknown> | AsyncIterator<unknown>;

/** A stdin source as the feeder sees it: pulled one item at a time, or pushed (an Observable). */
export type ClassifiedSource = { kind: 'pull'; open: () => ItemIterator } | { kind: 'push'; observable: Observable<unknown> };

/** Sorts a `stdin` value into pulled or pushed; `undefined` when it is no source at all. */
export function classifySource(source: unknown): ClassifiedSource | undefined {
  // A whole string or Buffer is one item, not an iterable of characters or bytes.
  if (typeof source === 'string' || source instanceof Uint8Array) return { kind: 'pull', open: () => [source][Symbol.iterator]() };
  if (isObservable(source)) return { kind: 'push', observable: source };
  if (typeof source !== 'object' || source === null) return undefined;
  const iterable = source as Partial<AsyncIterable<unknown> & Iterable<unknown>>;
  if (typeof iterable[Symbol.asyncIterator] === 'function') return { kind: 'pull', open: () => iterable[Symbol.asyncIterator]!() };
  if (typeof iterable[Symbol.iterator] === 'function') return { kind: 'pull', open: () => iterable[Symbol.iterator]!() };
  return undefined;
}

/** Whether a `stdin` value asks for a FIFO (`{ fifo: … }`); its fields are checked separately. */
export function isFifoStdin(value: unknown): value is FifoStdin {
  return typeof value === 'object' && value !== null && !isObservable(value) && 'fifo' in value;
}
