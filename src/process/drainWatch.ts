import type { OutputStreamName } from '../types.js';
import type { OutputPump } from './outputPump.js';

/** What the watch needs to know about the run. */
export interface DrainWatchContext {
  pumps: readonly OutputPump[];
  /** Milliseconds since spawn. */
  elapsed: () => number;
  /** Whether a stream is paused by backpressure (a full sink): that time never counts. */
  isPaused: (name: OutputStreamName) => boolean;
  /** How long a pipe may stay open without output after the child exited. */
  drainTimeout: number;
}

/**
 * After the child exited, closes the pipes that stay open **without progress** for
 * `drainTimeout` ms: a grandchild that inherited them may hold them forever. Progress is a chunk
 * read or a pause by backpressure, so a pipe that still delivers (while a slow subscriber keeps
 * our loop busy) is never taken for a held one. Before closing, the loop gets one more poll for
 * input: a timer can fire before bytes that were waiting in the pipe were read.
 */
export class DrainWatch {
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private quietSince = 0;
  /** The streams closed because nothing came through them. */
  readonly held: OutputStreamName[] = [];

  constructor(private readonly context: DrainWatchContext) {}

  /** The child exited at `exitTime` (ms since spawn): starts watching the pipes still open. */
  start(exitTime: number): void {
    this.quietSince = exitTime;
    // First look after this turn's I/O: the pipes' ends usually arrive with the exit, and then no timer is armed at all.
    this.immediate = setImmediate(() => {
      this.immediate = undefined;
      this.check();
    });
  }

  stop(): void {
    clearTimeout(this.timer);
    if (this.immediate !== undefined) clearImmediate(this.immediate);
  }

  private openPumps(): OutputPump[] {
    return this.context.pumps.filter((pump) => !pump.isEnded);
  }

  private check(): void {
    const open = this.openPumps();
    if (open.length === 0) return;
    const { elapsed, isPaused, drainTimeout } = this.context;
    if (open.some((pump) => isPaused(pump.name))) this.quietSince = elapsed();
    for (const pump of open) this.quietSince = Math.max(this.quietSince, pump.lastReadTime);
    const remaining = drainTimeout - (elapsed() - this.quietSince);
    if (remaining > 0) {
      this.timer = setTimeout(() => this.check(), Math.ceil(remaining));
      return;
    }
    // setImmediate runs after the loop's next poll for I/O: bytes waiting in a pipe are read first.
    const readsBefore = open.map((pump) => pump.chunksRead);
    this.immediate = setImmediate(() => {
      this.immediate = undefined;
      const progressed = open.some((pump, i) => pump.chunksRead !== readsBefore[i] || isPaused(pump.name));
      if (progressed) return this.check();
      for (const pump of this.openPumps()) {
        this.held.push(pump.name);
        pump.forceClose();
      }
    });
  }
}
