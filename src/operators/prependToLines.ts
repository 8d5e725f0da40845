import { defer, map, type OperatorFunction } from 'rxjs';
import type { OutputEvent } from '../types.js';

/** Computes the text to put before a line, or undefined to leave it alone. */
export type LineHead = (event: OutputEvent) => string | undefined;

// A CR that is not half of a CRLF sends a terminal's cursor back to the start of the line.
const LONE_CARRIAGE_RETURN = /\r(?!\n)/g;

/**
 * Puts text before the start of every line (in chunk mode, every chunk). The continuation
 * pieces of a line (after a `partial` event) are left alone: the line starts only once. In line
 * mode the text is also put after every lone `\r`, where a progress bar starts its line again,
 * so on a terminal `E: 66%` replaces `E: 33%` instead of overwriting the `E: `.
 * `observe` sees every other event (a spawn event, for a head that shows the pid).
 */
export function prependToLines<E extends { type: string }>(headOf: LineHead, observe?: (event: E) => void): OperatorFunction<E, E> {
  return (source) =>
    defer(() => {
      // Whether a line is still going on, per stream; on a muxAll() timeline (events with an
      // `index`) per child and stream, in a packed array grown as children appear.
      let stdoutInside = false;
      let stderrInside = false;
      const childInside: boolean[] = [];
      return source.pipe(
        map((event) => {
          if (event.type !== 'stdout' && event.type !== 'stderr') {
            observe?.(event);
            return event;
          }
          const output = event as unknown as OutputEvent & { index?: number };
          const partial = output.partial === true;
          let continuing: boolean;
          if (output.index === undefined) {
            continuing = output.type === 'stdout' ? stdoutInside : stderrInside;
            if (output.type === 'stdout') stdoutInside = partial;
            else stderrInside = partial;
          } else {
            const slot = 2 * output.index + (output.type === 'stdout' ? 0 : 1);
            while (slot >= childInside.length) childInside.push(false);
            continuing = childInside[slot]!;
            childInside[slot] = partial;
          }
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
