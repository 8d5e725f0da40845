import { LineSplitter, type LineSplitterOptions } from './lineSplitter.js';

/** Turns the raw chunks of one stream into the `data` of events: lines or the chunks themselves. */
export interface OutputDecoder {
  /** Decodes one chunk read at `time`; every resulting piece of data is handed over synchronously. */
  write(chunk: Buffer, time: number): void;
  /** The stream ended (or was `cutOff`: closed before its end): hands over what is left. */
  end(cutOff: boolean): void;
}

/** Receives one piece of data, whether it is a partial line, and the time its last bytes were read. */
export type DataHandler = (data: string | Buffer, partial: boolean, time: number) => void;

/** In chunk mode, each chunk is the data, as read. */
export function createChunkDecoder(onData: DataHandler): OutputDecoder {
  return { write: (chunk, time) => onData(chunk, false, time), end: () => {} };
}

/** Timers of the partial-line flush, replaceable in tests. */
export interface FlushTimers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
  /** A monotonic clock in milliseconds. */
  now(): number;
}

const realTimers: FlushTimers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
  now: () => performance.now(),
};

export interface LineDecoderOptions extends LineSplitterOptions {
  /** Deliver an unfinished line as a partial piece once it waited this many ms with no more bytes. */
  flushPartialAfter?: number | undefined;
}

/**
 * In line mode, each line is the data (see {@link LineSplitter}). With `flushPartialAfter`, a
 * line left unfinished is handed over in partial pieces while it waits (a prompt, a progress
 * step). One timer at most, armed only while such a line is held: none while lines end normally.
 */
export function createLineDecoder(
  onData: DataHandler,
  onTooLong: (lengthSoFar: number) => void,
  options: LineDecoderOptions,
  timers: FlushTimers = realTimers,
): OutputDecoder {
  let lastTime = 0;
  // Made on the first bytes: a stream that stays silent (most stderrs) never pays for a splitter.
  let made: LineSplitter | undefined;
  const splitterOf = () => (made ??= new LineSplitter((line, partial) => onData(line, partial, lastTime), onTooLong, options));
  const { flushPartialAfter } = options;
  if (flushPartialAfter === undefined) {
    return {
      write: (chunk, time) => {
        lastTime = time;
        splitterOf().write(chunk);
      },
      // No bytes ever came: there is no line to end.
      end: (cutOff) => made?.end(cutOff),
    };
  }
  const splitter = splitterOf();
  let timer: unknown;
  let lastBytesAt = 0;
  const waitThenFlush = (delay: number) => {
    timer = timers.set(() => {
      timer = undefined;
      if (!splitter.holdsLine) return;
      const waited = timers.now() - lastBytesAt;
      if (waited >= flushPartialAfter) splitter.flushHeld();
      else waitThenFlush(flushPartialAfter - waited);
    }, delay);
  };
  return {
    write: (chunk, time) => {
      lastTime = time;
      splitter.write(chunk);
      if (!splitter.holdsLine) return;
      lastBytesAt = timers.now();
      if (timer === undefined) waitThenFlush(flushPartialAfter);
    },
    end: (cutOff) => {
      if (timer !== undefined) timers.clear(timer);
      timer = undefined;
      splitter.end(cutOff);
    },
  };
}
