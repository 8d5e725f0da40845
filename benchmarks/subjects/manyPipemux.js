// Scenario 9: muxAll() of named children, each line prefixed with its child's name in the name's colour.
import { drainTimeline } from './lib/drainTimeline.js';
import { measureSubject } from './lib/measure.js';
import { NamedLinesChecker } from './lib/namedLinesChecker.js';
import { muxAll, prefix } from './lib/pipemuxModule.js';
import { numberLines } from './lib/sources.js';

await measureSubject(async ({ names, count }) => {
  const checker = new NamedLinesChecker(names);
  const [file, args] = numberLines(count);
  const jobs = names.map((name) => ({ name, file, args }));
  let success = false;
  await drainTimeline(muxAll(jobs).pipe(prefix({ stdout: '[{name}] ', stderr: '[{name}] ', color: true })), (event) => {
    if (event.type === 'stdout') checker.checkLine(event.data);
    else if (event.type === 'summary') success = event.success;
  });
  if (!success) throw new Error('the run did not succeed');
  return checker.result();
});
