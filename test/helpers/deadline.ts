import { setTimeout as delay } from 'node:timers/promises';

/**
 * Checks `condition` every few ms until it holds or `deadlineMs` pass; resolves with its last value.
 * For effects that raise no event we could wait on (a pid disappearing, fds being closed): a
 * deadline for the assertion, not a way to order steps of a test.
 */
export async function holdsWithin(condition: () => boolean | Promise<boolean>, deadlineMs = 5000): Promise<boolean> {
  const deadline = performance.now() + deadlineMs;
  for (;;) {
    if (await condition()) return true;
    if (performance.now() > deadline) return false;
    await delay(10);
  }
}
