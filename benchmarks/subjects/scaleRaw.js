// Scenario 8 floor: the same children with raw spawn + split2 each.
import split2 from 'split2';
import { finished } from 'node:stream/promises';
import { measureSubject } from './lib/measure.js';
import { countOpenFds } from './lib/openFds.js';
import { spawnRaw } from './lib/rawChild.js';
import { numberLines } from './lib/sources.js';

// One child first: node opens some fds lazily on its first spawn (libuv's signal pipe); they are not a leak.
const warmUp = () => spawnRaw('true', []).closed;

async function countLines(file, args) {
  let lines = 0;
  const { child, closed } = spawnRaw(file, args);
  const splitter = child.stdout.pipe(split2());
  splitter.on('data', () => lines++);
  await Promise.all([closed, finished(splitter)]);
  return lines;
}

await measureSubject(
  async ({ children, count }) => {
    const fdsBefore = countOpenFds();
    const linesPerChild = await Promise.all(Array.from({ length: children }, () => countLines(...numberLines(count))));
    return {
      fdsBefore,
      fdsAfter: countOpenFds(),
      lines: linesPerChild.reduce((a, b) => a + b, 0),
      childrenComplete: linesPerChild.filter((lines) => lines === count).length,
    };
  },
  { setup: warmUp },
);
