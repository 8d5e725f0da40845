import type { Writable } from 'node:stream';

/** How a wait for room in a stream ended: it drained, or it can never take more (closed, errored). */
export type DrainOutcome = 'drained' | 'closed' | 'errored';

/**
 * Resolves once `stream` can take more writes ('drain'), or once it never will ('close', 'error'):
 * a stream destroyed while full emits no 'drain', so a wait for 'drain' alone would hang forever.
 * Resolves at once when the stream is not full, or is already destroyed. Never rejects; removes
 * its listeners when it settles.
 */
export function whenDrained(stream: Writable): Promise<DrainOutcome> {
  if (stream.errored) return Promise.resolve('errored');
  if (stream.destroyed || stream.closed) return Promise.resolve('closed');
  // Duck-typed Writables may not have writableNeedDrain: only `false` means "not full".
  if (stream.writableNeedDrain === false) return Promise.resolve('drained');
  return new Promise((resolve) => {
    const settle = (outcome: DrainOutcome) => () => {
      stream.off('drain', onDrain);
      stream.off('close', onClose);
      stream.off('error', onError);
      resolve(outcome);
    };
    const onDrain = settle('drained');
    const onClose = settle('closed');
    const onError = settle('errored');
    stream.once('drain', onDrain);
    stream.once('close', onClose);
    stream.once('error', onError);
  });
}
