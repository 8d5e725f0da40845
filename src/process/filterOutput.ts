import type { OutputHandlers } from './outputPump.js';
import type { OutputFilter } from './ports.js';
import type { OutputStreamName } from '../types.js';

/** The handlers of one output stream with `filter` in front of them (the handlers themselves when there is none). */
export function filterOutput(filter: OutputFilter | undefined, name: OutputStreamName, handlers: OutputHandlers): OutputHandlers {
  if (filter === undefined) return handlers;
  let lastTime = 0;
  return {
    chunk(chunk, time) {
      lastTime = time;
      const own = filter.write(name, chunk);
      if (own.length > 0) handlers.chunk(own, time);
    },
    end(cutOff) {
      const rest = filter.end(name);
      if (rest !== undefined && rest.length > 0) handlers.chunk(rest, lastTime);
      handlers.end(cutOff);
    },
    error: (error) => handlers.error(error),
  };
}
