import { Writable } from 'node:stream';
import { whenDrained } from '../streams/whenDrained.js';

// Chunks up to this size pass without pausing the child while the destination keeps up.
const VALVE_HIGH_WATER_MARK = 256 * 1024;

/**
 * A tee sink that holds no data and only tells pipemux to pause the child while `destination`
 * is congested. The CLI writes the (prefixed) lines to `destination` itself from the events;
 * this valve gives those writes backpressure, so `pipemux cmd | slow-reader` stays in bounded memory.
 * A destination that failed (EPIPE) never drains, and the process's own stdout is not even marked
 * destroyed or errored then: the valve remembers the error and stops waiting for it.
 */
export function createOutputValve(destination: Writable): Writable {
  let failed = false;
  destination.once('error', () => {
    failed = true;
  });
  return new Writable({
    highWaterMark: VALVE_HIGH_WATER_MARK,
    write(_chunk, _encoding, callback) {
      if (failed || !destination.writableNeedDrain || destination.destroyed) return callback();
      void whenDrained(destination).then(() => callback());
    },
  });
}
