// Scenario 2 peer: execa's own line iteration, `for await (const line of subprocess.iterable())`.
import { execa } from 'execa';
import { measureSubject } from './lib/measure.js';
import { numberLines } from './lib/sources.js';

await measureSubject(async ({ count }) => {
  let lines = 0;
  let last;
  // buffer: false, as a user iterating a long output would (it also keeps execa under its maxBuffer).
  for await (const line of execa(...numberLines(count), { buffer: false }).iterable()) {
    lines++;
    last = line;
  }
  return { lines, last };
});
