// Scenario 2 floor: child_process.spawn, stdout piped through split2, counting lines.
import split2 from 'split2';
import { finished } from 'node:stream/promises';
import { measureSubject } from './lib/measure.js';
import { spawnRaw } from './lib/rawChild.js';
import { numberLines } from './lib/sources.js';

await measureSubject(async ({ count }) => {
  let lines = 0;
  let last;
  const { child, closed } = spawnRaw(...numberLines(count));
  const splitter = child.stdout.pipe(split2());
  splitter.on('data', (line) => {
    lines++;
    last = line;
  });
  await Promise.all([closed, finished(splitter)]);
  return { lines, last };
});
