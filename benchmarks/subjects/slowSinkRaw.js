// Scenario 7 floor: raw spawn, stdout.pipe() into the same slow Writable (pipe() honours backpressure).
import { finished } from 'node:stream/promises';
import { measureSubject } from './lib/measure.js';
import { spawnRaw } from './lib/rawChild.js';
import { createSlowWritable } from './lib/slowWritable.js';
import { zeroBytes } from './lib/sources.js';

await measureSubject(async ({ bytes, bytesPerSecond }) => {
  const { sink, acceptedBytes } = createSlowWritable(bytesPerSecond);
  const { child, closed } = spawnRaw(...zeroBytes(bytes));
  child.stdout.pipe(sink);
  await Promise.all([closed, finished(sink)]);
  return { bytes: acceptedBytes(), sinkBytes: acceptedBytes() };
});
