import { Writable } from 'node:stream';

/**
 * A Writable that accepts at most `bytesPerSecond`: each write completes only when the rate
 * allows it (a timer stands in for a slow disk or network). Slower than the child, so only
 * backpressure keeps memory bounded.
 */
export function createSlowWritable(bytesPerSecond) {
  let accepted = 0;
  let start;
  const sink = new Writable({
    highWaterMark: 64 * 1024,
    write(chunk, _encoding, done) {
      start ??= performance.now();
      accepted += chunk.length;
      const delayMs = start + (accepted / bytesPerSecond) * 1000 - performance.now();
      if (delayMs >= 1) setTimeout(done, delayMs);
      else setImmediate(done);
    },
  });
  return { sink, acceptedBytes: () => accepted };
}
