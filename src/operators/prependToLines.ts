import { defer, map, type OperatorFunction } from 'rxjs';
import type { MuxEvent, OutputEvent, OutputStreamName } from '../types.js';

/** Computes the text to put before a line, or undefined to leave it alone. */
export type LineHead = (event: OutputEvent) => string | undefined;

/**
 * Puts text before the start of every line (in chunk mode, every chunk). The continuation
 * pieces of an over-long line (after a `partial` event) are left alone: the line starts only once.
 */
export function prependToLines<E extends MuxEvent>(headOf: LineHead): OperatorFunction<E, E> {
  return (source) =>
    defer(() => {
      const insideLine: Record<OutputStreamName, boolean> = { stdout: false, stderr: false };
      return source.pipe(
        map((event) => {
          if (event.type !== 'stdout' && event.type !== 'stderr') return event;
          const output = event as OutputEvent;
          const continuing = insideLine[output.type];
          insideLine[output.type] = output.partial === true;
          const head = continuing ? undefined : headOf(output);
          if (head === undefined || head === '') return event;
          const data = typeof output.data === 'string' ? head + output.data : Buffer.concat([Buffer.from(head), output.data]);
          return { ...event, data };
        }),
      );
    });
}
