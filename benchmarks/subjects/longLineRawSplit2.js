// Scenario 3 baseline: raw spawn + split2 on one long line; split2 re-splits its whole tail per chunk (quadratic).
import split2 from 'split2';
import { finished } from 'node:stream/promises';
import { measureSubject } from './lib/measure.js';
import { spawnRaw } from './lib/rawChild.js';
import { zeroBytes } from './lib/sources.js';

await measureSubject(async ({ bytes }) => {
  let characters = 0;
  let pieces = 0;
  const { child, closed } = spawnRaw(...zeroBytes(bytes));
  const splitter = child.stdout.pipe(split2());
  splitter.on('data', (line) => {
    characters += line.length;
    pieces++;
  });
  await Promise.all([closed, finished(splitter)]);
  return { characters, pieces, partialPieces: 0 };
});
