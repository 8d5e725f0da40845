// Scenario 2: pipemux in line mode, counting line events.
import { drainTimeline } from './lib/drainTimeline.js';
import { measureSubject } from './lib/measure.js';
import { pipemux } from './lib/pipemuxModule.js';
import { numberLines } from './lib/sources.js';

await measureSubject(async ({ count }) => {
  let lines = 0;
  let last;
  await drainTimeline(pipemux(...numberLines(count)), (event) => {
    if (event.type !== 'stdout') return;
    lines++;
    last = event.data;
  });
  return { lines, last };
});
