// Scenario 7: pipemux teeing to a Writable slower than the child; backpressure must bound memory.
import { drainTimeline } from './lib/drainTimeline.js';
import { measureSubject } from './lib/measure.js';
import { pipemux } from './lib/pipemuxModule.js';
import { createSlowWritable } from './lib/slowWritable.js';
import { zeroBytes } from './lib/sources.js';

await measureSubject(async ({ bytes, bytesPerSecond }) => {
  const { sink, acceptedBytes } = createSlowWritable(bytesPerSecond);
  const [file, args] = zeroBytes(bytes);
  let received = 0;
  await drainTimeline(pipemux(file, args, { mode: 'chunks', tee: { stdout: sink } }), (event) => {
    if (event.type === 'stdout') received += event.data.length;
  });
  return { bytes: received, sinkBytes: acceptedBytes() };
});
