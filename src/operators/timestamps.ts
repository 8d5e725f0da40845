import type { OperatorFunction } from 'rxjs';
import { checkOptionsObject, failOperatorOption } from './operatorOptions.js';
import { prependToLines } from './prependToLines.js';

/** How {@link timestamps} writes the elapsed time. */
export interface TimestampOptions {
  /** Turns the event's `time` (ms since spawn) into the text put before the line. Default: `[   1.234s] `. */
  format?: (timeMs: number) => string;
}

/** The default timestamp: seconds since spawn, millisecond precision, padded to line up. */
export function formatElapsed(timeMs: number): string {
  return `[${(timeMs / 1000).toFixed(3).padStart(8)}s] `;
}

/**
 * Puts the time elapsed since spawn before every line.
 *
 * @example
 * ```ts
 * pipemux('make').pipe(timestamps()) // "[   0.412s] cc -c main.c"
 * ```
 * @throws InvalidOptionError for a `format` that is not a function, or an unknown option.
 */
export function timestamps<E extends { type: string }>(options: TimestampOptions = {}): OperatorFunction<E, E> {
  checkOptionsObject('timestamps', options, ['format']);
  if (options.format !== undefined && typeof options.format !== 'function') failOperatorOption('timestamps', 'format', 'must be a function', options.format);
  const format = options.format ?? formatElapsed;
  return prependToLines((event) => format(event.time));
}
