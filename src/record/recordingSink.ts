import { once } from 'node:events';
import { open, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import { openFifoWriter } from '../streams/fifoWriter.js';
import { whenDrained } from '../streams/whenDrained.js';
import type { RecordTarget } from './recordOptions.js';

// As the tee's file sinks: fewer waits for 'drain' while memory stays bounded.
const FILE_HIGH_WATER_MARK = 1024 * 1024;

/**
 * The destination of a recording: a file it opens itself (and closes), or a caller's Writable
 * (ended only when asked, never the parent's stdout/stderr). It honours `write()` returning false:
 * text that comes while the destination is full waits here, in order, until 'drain', so nothing
 * is lost and the destination is never written past its limit.
 */
export class RecordingSink {
  private waiting: Buffer[] = [];
  private full = false;
  private unfinishedWrites = 0;
  private whenWritten: (() => void) | undefined;
  private failure: Error | undefined;
  private released = false;
  private readonly onStreamError = (error: Error) => {
    this.failure ??= error;
    this.whenWritten?.();
    this.onError(error);
  };

  private constructor(
    private readonly stream: Writable,
    /** A named pipe we opened: on release it is closed at once, as its reader may never read what is pending. */
    private readonly fifo: boolean,
    private readonly owned: boolean,
    private readonly endWhenDone: boolean,
    /** The absolute path, or a description of the caller's stream, for messages. */
    readonly label: string,
    private readonly onError: (error: Error) => void,
  ) {
    stream.on('error', this.onStreamError);
  }

  /** Opens (creates or truncates) the file, or takes the caller's stream. Rejects with the system error. */
  static async open(target: RecordTarget, onError: (error: Error) => void): Promise<RecordingSink> {
    if (typeof target === 'string') {
      const path = resolve(target);
      // A named pipe is opened without waiting for a reader (ENXIO when there is none), as tee sinks do.
      if ((await stat(path).catch(() => undefined))?.isFIFO())
        return new RecordingSink(await openFifoWriter(path, { needsReader: true }), true, true, true, path, onError);
      const handle = await open(path, 'w');
      return new RecordingSink(handle.createWriteStream({ highWaterMark: FILE_HIGH_WATER_MARK }), false, true, true, path, onError);
    }
    const [stream, end] = target instanceof Writable ? [target, false] : [target.stream, target.end ?? false];
    return new RecordingSink(stream, false, false, end, 'stream', onError);
  }

  /** Writes bytes now, or after the destination drained. */
  write(text: Buffer): void {
    if (text.length === 0 || this.failure !== undefined || this.released) return;
    if (this.full) {
      this.waiting.push(text);
      return;
    }
    // A stream ended or destroyed under us takes nothing more, and may never say so (no 'drain', no 'error').
    if (this.stream.destroyed || this.stream.writableEnded) return this.onStreamError(new Error('the stream was ended or destroyed before the recording was'));
    this.unfinishedWrites++;
    this.full = !this.stream.write(text, this.onWritten);
    if (this.full) void whenDrained(this.stream).then(this.onRoom);
  }

  /**
   * Everything was written: resolves once the text reached the destination (a file is closed;
   * a caller's stream is flushed, and ended if asked). Rejects with the destination's error.
   */
  async finish(): Promise<void> {
    if (this.failure === undefined && (this.full || this.unfinishedWrites > 0)) {
      await new Promise<void>((resolve) => {
        this.whenWritten = resolve;
      });
    }
    this.throwIfFailed();
    await this.endStream();
    this.throwIfFailed();
  }

  /** A method, not an inline check: TypeScript would keep `failure` narrowed to undefined across the await. */
  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }

  /** Every other way out (unsubscribe, errors): keeps what was accepted, closes what it owns. Never throws. */
  release(): void {
    if (this.released) return;
    this.released = true;
    if (this.fifo) {
      this.waiting = [];
      this.stream.destroy();
      return;
    }
    // Text still waiting for 'drain' is handed over at once: end() flushes it before closing.
    if (this.failure === undefined) for (const text of this.waiting.splice(0)) this.stream.write(text);
    if (this.shouldEnd()) this.stream.end();
    // Errors of a stream we end now have no one to report to; keep them from being unhandled.
    if (!this.owned) this.detachFromCallersStream();
  }

  // A write's own error counts at once: a file stream emits 'error' only after closing, which may be after finish().
  private readonly onWritten = (error?: Error | null) => {
    this.unfinishedWrites--;
    if (error) return this.onStreamError(error);
    if (this.unfinishedWrites === 0 && !this.full) this.whenWritten?.();
  };

  private readonly onRoom = (outcome: 'drained' | 'closed' | 'errored') => {
    if (this.released || this.failure !== undefined) return;
    if (outcome !== 'drained') return this.onStreamError(new Error(`the stream was ${outcome === 'closed' ? 'closed' : 'destroyed'} while full`));
    this.full = false;
    const waiting = this.waiting;
    this.waiting = [];
    // In order; what comes after a write that fills the destination again waits for the next 'drain'.
    for (const text of waiting) this.write(text);
    if (!this.full && this.unfinishedWrites === 0) this.whenWritten?.();
  };

  private async endStream(): Promise<void> {
    this.released = true;
    if (!this.owned) this.detachFromCallersStream();
    if (!this.shouldEnd()) return;
    const done = once(this.stream, this.owned ? 'close' : 'finish').catch((error: Error) => {
      this.failure ??= error;
    });
    this.stream.end();
    await done;
  }

  /**
   * Stops listening for errors on the caller's stream, but not while a write of ours is unsettled or
   * failing: its 'error' comes after the write's callback, and unheard it would crash the process.
   */
  private detachFromCallersStream(): void {
    if (this.unfinishedWrites === 0 && this.failure === undefined) return void this.stream.off('error', this.onStreamError);
    this.stream.once('close', () => this.stream.off('error', this.onStreamError));
  }

  private shouldEnd(): boolean {
    const isParentStdio = this.stream === process.stdout || this.stream === process.stderr;
    return this.endWhenDone && !isParentStdio && !this.stream.writableEnded && !this.stream.destroyed;
  }
}
