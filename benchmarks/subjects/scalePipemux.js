// Scenario 8: many pipemux timelines at once, merged; every line delivered and every fd given back.
import { merge, map } from 'rxjs';
import { drainTimeline } from './lib/drainTimeline.js';
import { measureSubject } from './lib/measure.js';
import { countOpenFds } from './lib/openFds.js';
import { pipemux } from './lib/pipemuxModule.js';
import { numberLines } from './lib/sources.js';

// One child first: node opens some fds lazily on its first spawn (libuv's signal pipe); they are not a leak.
const warmUp = () => drainTimeline(pipemux('true'), () => {});

await measureSubject(
  async ({ children, count }) => {
    const fdsBefore = countOpenFds();
    const linesPerChild = new Array(children).fill(0);
    const timelines = Array.from({ length: children }, (_, index) => pipemux(...numberLines(count)).pipe(map((event) => [index, event])));
    await drainTimeline(merge(...timelines), ([index, event]) => {
      if (event.type === 'stdout') linesPerChild[index]++;
    });
    return {
      fdsBefore,
      fdsAfter: countOpenFds(),
      lines: linesPerChild.reduce((a, b) => a + b, 0),
      childrenComplete: linesPerChild.filter((lines) => lines === count).length,
    };
  },
  { setup: warmUp },
);
