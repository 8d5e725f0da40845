// Scenario 9: interact('cat'): sendLine(i), then expect(`${i}\n`), COUNT times in a row.
import { Latencies } from './lib/latencies.js';
import { measureSubject } from './lib/measure.js';
import { interact } from './lib/pipemuxModule.js';

await measureSubject(async ({ count, warmUp }) => {
  const session = interact('cat');
  const latencies = new Latencies(count, warmUp);
  let wrong = 0;
  let measuredFrom = performance.now();
  try {
    for (let trip = 1; trip <= count; trip++) {
      if (trip === warmUp + 1) measuredFrom = performance.now();
      latencies.start();
      // Not awaited, as pexpect's sendline() returns once the bytes are written.
      void session.sendLine(String(trip));
      const { before } = await session.expect(`${trip}\n`);
      latencies.stop();
      if (before !== '') wrong++;
    }
    const ratePerS = (count - warmUp) / ((performance.now() - measuredFrom) / 1000);
    await session.end();
    await session.exited;
    return { ...latencies.result(), ratePerS, wrong };
  } finally {
    await session.close();
  }
});
