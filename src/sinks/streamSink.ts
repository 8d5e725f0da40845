import type { Writable } from 'node:stream';
import { whenDrained } from '../streams/whenDrained.js';
import type { Sink, SinkErrorHandler } from './sink.js';

/** The error a sink reports when its stream is closed under it (destroyed) before the run is done with it. */
function closedUnderUs(): Error {
  return Object.assign(new Error('the stream was closed (destroyed) while pipemux was still writing to it'), { code: 'ERR_STREAM_DESTROYED' });
}

/**
 * A caller's Writable: written with backpressure, flushed, ended only when asked (never the parent's
 * stdio). Destroyed before the run is done with it, it fails the run. Our error listener stays until
 * our own writes (and our `end()`) have settled, so a write that fails after the run ended does not
 * become an unhandled 'error' that would crash the process.
 */
export class StreamSink implements Sink {
  private pendingWrites = 0;
  private whenFlushed: (() => void) | undefined;
  private full = false;
  private failed = false;
  /** The run is done with the stream: errors and a close from now on are no longer the run's. */
  private released = false;
  private endedByUs = false;
  private endSettled = false;
  private detached = false;
  private readonly forwardError = (error: Error) => this.failWith(error);
  private readonly onClose = () => {
    this.endSettled = true;
    if (!this.released && !this.endedByUs) this.failWith(closedUnderUs());
    this.wakeFlushWaiter();
    this.detachWhenSettled();
  };
  private readonly onFinish = () => {
    this.endSettled = true;
    this.detachWhenSettled();
  };

  constructor(
    private readonly stream: Writable,
    private readonly endWhenDone: boolean,
    readonly label: string,
    private readonly onError: SinkErrorHandler,
  ) {}

  open(): Promise<void> {
    // Nothing to wait for; a throw in the executor rejects, as in an async method.
    return new Promise((resolve) => {
      const { stream } = this;
      if (stream.destroyed || stream.writableEnded) throw closedUnderUs();
      stream.on('error', this.forwardError);
      stream.on('close', this.onClose);
      resolve();
    });
  }

  write(chunk: Buffer): boolean {
    if (this.failed) return true;
    this.pendingWrites++;
    const accepted = this.stream.write(chunk, () => {
      this.pendingWrites--;
      if (this.pendingWrites === 0) this.wakeFlushWaiter();
      this.detachWhenSettled();
    });
    this.full = !accepted;
    return accepted;
  }

  async drained(): Promise<void> {
    if (!this.full || this.failed) return;
    // 'closed' and 'errored' are reported by the listeners of open(), which fail the run.
    await whenDrained(this.stream);
    this.full = false;
  }

  async finish(): Promise<void> {
    if (this.pendingWrites > 0 && !this.failed) {
      await new Promise<void>((resolve) => {
        this.whenFlushed = resolve;
      });
    }
    if (this.shouldEnd() && !this.failed) {
      const ended = new Promise<void>((resolve) => this.endStream(resolve));
      await ended;
    }
    this.release();
  }

  close(): Promise<void> {
    // Nothing to wait for; a throw in the executor rejects, as in an async method.
    return new Promise((resolve) => {
      if (!this.released) {
        if (this.shouldEnd()) this.endStream();
        this.release();
      }
      resolve();
    });
  }

  private failWith(error: Error): void {
    if (this.released || this.failed) return;
    this.failed = true;
    this.wakeFlushWaiter();
    this.onError(this, error);
  }

  private wakeFlushWaiter(): void {
    const wake = this.whenFlushed;
    this.whenFlushed = undefined;
    wake?.();
  }

  /** Ends the stream; `settled` runs once it finished, errored or closed. */
  private endStream(settled?: () => void): void {
    this.endedByUs = true;
    this.stream.once('finish', this.onFinish);
    if (settled !== undefined) {
      const done = () => {
        this.stream.off('finish', done);
        this.stream.off('close', done);
        this.stream.off('error', done);
        settled();
      };
      this.stream.once('finish', done);
      this.stream.once('close', done);
      this.stream.once('error', done);
    }
    this.stream.end();
  }

  private shouldEnd(): boolean {
    const isParentStdio = this.stream === process.stdout || this.stream === process.stderr;
    return this.endWhenDone && !isParentStdio && !this.stream.writableEnded && !this.stream.destroyed;
  }

  private release(): void {
    this.released = true;
    this.detachWhenSettled();
  }

  /** Removes our listeners once the run released the stream and nothing of ours is still in flight. */
  private detachWhenSettled(): void {
    if (this.detached || !this.released) return;
    const inFlight = this.pendingWrites > 0 || (this.endedByUs && !this.endSettled);
    if (inFlight && !this.stream.closed) return;
    this.detached = true;
    this.stream.off('error', this.forwardError);
    this.stream.off('close', this.onClose);
    this.stream.off('finish', this.onFinish);
  }
}
