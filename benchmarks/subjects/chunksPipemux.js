// Scenario 1 (and 7's "no sinks"): pipemux in chunk mode, counting bytes.
import { drainTimeline } from './lib/drainTimeline.js';
import { measureSubject } from './lib/measure.js';
import { pipemux } from './lib/pipemuxModule.js';
import { zeroBytes } from './lib/sources.js';

await measureSubject(async ({ bytes }) => {
  let received = 0;
  const [file, args] = zeroBytes(bytes);
  await drainTimeline(pipemux(file, args, { mode: 'chunks' }), (event) => {
    if (event.type === 'stdout') received += event.data.length;
  });
  return { bytes: received };
});
