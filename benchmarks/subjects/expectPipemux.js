// Scenario 10: interact('cat'): sendLine(i), then expect(`${i}\n`), COUNT times in a row.
// With STDERR_FILL: the child first writes that many bytes to stderr, which nothing matches, and the
// expects search stdout only (the unmatched stderr stays in the session's buffer all along).
import { Latencies } from './lib/latencies.js';
import { measureSubject } from './lib/measure.js';
import { interact } from './lib/pipemuxModule.js';

await measureSubject(async ({ count, warmUp, stderrFill = 0 }) => {
  const session = stderrFill > 0 ? interact('sh', ['-c', `head -c ${stderrFill} /dev/zero | tr '\\0' e >&2; exec cat`]) : interact('cat');
  const options = stderrFill > 0 ? { stream: 'stdout' } : undefined;
  const latencies = new Latencies(count, warmUp);
  let wrong = 0;
  let measuredFrom = performance.now();
  try {
    for (let trip = 1; trip <= count; trip++) {
      if (trip === warmUp + 1) measuredFrom = performance.now();
      latencies.start();
      // Not awaited, as pexpect's sendline() returns once the bytes are written.
      void session.sendLine(String(trip));
      const { before } = await session.expect(`${trip}\n`, options);
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
