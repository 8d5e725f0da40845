// Scenario 2 peer: execa's `lines: true`, which buffers the output as an array of lines.
import { execa } from 'execa';
import { measureSubject } from './lib/measure.js';
import { numberLines } from './lib/sources.js';

await measureSubject(async ({ count }) => {
  const { stdout } = await execa(...numberLines(count), { lines: true });
  return { lines: stdout.length, last: stdout.at(-1) };
});
