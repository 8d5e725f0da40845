// Scenario 4: several pipemux timelines merged with rxjs merge(), each line prefixed with prefix().
import { merge } from 'rxjs';
import { drainTimeline } from './lib/drainTimeline.js';
import { measureSubject } from './lib/measure.js';
import { MergedLinesChecker } from './lib/mergedLinesChecker.js';
import { pipemux, prefix } from './lib/pipemuxModule.js';
import { numberLines } from './lib/sources.js';

await measureSubject(async ({ children, count }) => {
  const checker = new MergedLinesChecker(children);
  const timelines = Array.from({ length: children }, (_, index) => pipemux(...numberLines(count)).pipe(prefix({ stdout: `[${index}] ` })));
  await drainTimeline(merge(...timelines), (event) => {
    if (event.type === 'stdout') checker.checkLine(event.data);
  });
  return checker.result();
});
