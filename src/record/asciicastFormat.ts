import type { TtyReport } from '../types.js';

/** The asciicast versions pipemux writes: v3 (asciinema 3, the default) and v2 (asciinema 2.x). */
export type AsciicastFormat = 'v2' | 'v3';

/**
 * The event code of pipemux's tags: an event players ignore (they skip codes they do not know)
 * that says something about the event right after it. Its data is one of the tag texts below.
 */
export const TAG_CODE = 'e';
/** Tag text: the next `o` event is the child's stderr (players still show it as output). */
export const STDERR_TAG = 'stderr';
/** Tag text before the `x` event of a child that a signal ended: `signal SIGTERM`. */
export const SIGNAL_TAG_PREFIX = 'signal ';

/**
 * The header field pipemux adds (players ignore fields they do not know). Its presence tells
 * `replay()` that the file's `e` events are pipemux's tags.
 */
export const EXTENSION_FIELD = 'pipemux';

/** What the `pipemux` header field holds. */
export interface HeaderExtension {
  /** What the child had on fds 0-2, as in the spawn event. */
  tty?: TtyReport;
}

/**
 * Seconds with microsecond precision, from a whole number of microseconds: exact decimal digits,
 * trailing zeros dropped as asciinema writes them (`1.5`, `0.000042`, `3.0`).
 */
export function formatSeconds(micros: number): string {
  const seconds = Math.floor(micros / 1_000_000);
  const fraction = micros - seconds * 1_000_000;
  if (fraction === 0) return `${seconds}.0`;
  return `${seconds}.${String(fraction).padStart(6, '0').replace(/0+$/, '')}`;
}
