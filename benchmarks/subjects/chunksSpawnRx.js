// Scenario 1 peer: spawn-rx's Observable ({ split: true } gives { source, text } per chunk, decoded as utf8).
import spawnRx from 'spawn-rx';
import { drainTimeline } from './lib/drainTimeline.js';
import { measureSubject } from './lib/measure.js';
import { zeroBytes } from './lib/sources.js';

await measureSubject(async ({ bytes }) => {
  let received = 0;
  const [file, args] = zeroBytes(bytes);
  await drainTimeline(spawnRx.spawn(file, args, { split: true }), (output) => {
    // NUL bytes decode to one character each, so text length is the byte count.
    if (output.source === 'stdout') received += output.text.length;
  });
  return { bytes: received };
});
