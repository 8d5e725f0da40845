import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

/**
 * Watches the event loop over one phase of a subject: the longest stall (the largest delay of a
 * 1 ms timer: how long the loop could not react) and how long the loop was busy in all (event-loop
 * utilisation's active time). Call `stop()` at the end of the phase.
 */
export function watchLoopStall() {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  const utilisationBefore = performance.eventLoopUtilization();
  const startedAt = performance.now();
  delay.enable();
  return {
    stop() {
      delay.disable();
      const { active } = performance.eventLoopUtilization(utilisationBefore);
      // The histogram's delays include the 1 ms the timer waits by design.
      return { longestStallMs: Math.max(0, delay.max / 1e6 - 1), busyMs: active, phaseMs: performance.now() - startedAt };
    },
  };
}
