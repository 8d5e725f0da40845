import { Writable } from 'node:stream';

// Chunks up to this size pass without pausing the child while the destination keeps up.
const VALVE_HIGH_WATER_MARK = 256 * 1024;

/**
 * A tee sink that holds no data and only tells pipemux to pause the child while `destination`
 * is congested. The CLI writes the (prefixed) lines to `destination` itself from the events;
 * this valve gives those writes backpressure, so `pipemux cmd | slow-reader` stays in bounded memory.
 * A destination that failed (EPIPE) never drains: the process's own stdout is not even destroyed
 * then, so the valve stops waiting for it on 'error' as on 'close'.
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
      const release = () => {
        destination.off('drain', release);
        destination.off('close', release);
        destination.off('error', release);
        callback();
      };
      destination.on('drain', release);
      destination.on('close', release);
      destination.on('error', release);
    },
  });
}
