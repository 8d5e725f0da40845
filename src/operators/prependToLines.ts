import { defer, map, type OperatorFunction } from 'rxjs';
import type { MuxEvent, OutputEvent, OutputStreamName } from '../types.js';

/** Computes the text to put before a line, or undefined to leave it alone. */
export type LineHead = (event: OutputEvent) => string | undefined;

// A CR that is not half of a CRLF sends a terminal's cursor back to the start of the line.
const LONE_CARRIAGE_RETURN = /\r(?!\n)/g;

/**
 * Puts text before the start of every line (in chunk mode, every chunk). The continuation
 * pieces of a line (after a `partial` event) are left alone: the line starts only once. In line
 * mode the text is also put after every lone `\r`, where a progress bar starts its line again,
 * so on a terminal `E: 66%` replaces `E: 33%` instead of overwriting the `E: `.
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
          const { data } = output;
          if (typeof data !== 'string') {
            const head = continuing ? undefined : headOf(output);
            return head === undefined || head === '' ? event : { ...event, data: Buffer.concat([Buffer.from(head), data]) };
          }
          const redraws = data.includes('\r');
          if (continuing && !redraws) return event;
          const head = headOf(output);
          if (head === undefined || head === '') return event;
          const text = redraws ? data.replace(LONE_CARRIAGE_RETURN, () => `\r${head}`) : data;
          return { ...event, data: continuing ? text : head + text };
        }),
      );
    });
}
