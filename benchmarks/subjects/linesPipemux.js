// Scenario 2: pipemux in line mode, counting line events (with `flushPartialAfter` when given).
import { drainTimeline } from './lib/drainTimeline.js';
import { measureSubject } from './lib/measure.js';
import { pipemux } from './lib/pipemuxModule.js';
import { numberLines } from './lib/sources.js';

await measureSubject(async ({ count, flushPartialAfter }) => {
  let lines = 0;
  let last;
  const [file, args] = numberLines(count);
  const options = flushPartialAfter === undefined ? {} : { flushPartialAfter };
  await drainTimeline(pipemux(file, args, options), (event) => {
    // A flushed piece of a line is not a line; its last piece is.
    if (event.type !== 'stdout' || event.partial) return;
    lines++;
    last = event.data;
  });
  return { lines, last };
});
