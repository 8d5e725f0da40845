import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Sink, SinkErrorHandler } from './sink.js';

/** A caller's Writable: written with backpressure, flushed, ended only when asked (never the parent's stdio). */
export class StreamSink implements Sink {
  private pendingWrites = 0;
  private whenFlushed: (() => void) | undefined;
  private full = false;
  private failed = false;
  private released = false;
  private readonly forwardError = (error: Error) => {
    this.failed = true;
    this.onError(this, error);
  };

  constructor(
    private readonly stream: Writable,
    private readonly endWhenDone: boolean,
    readonly label: string,
    private readonly onError: SinkErrorHandler,
  ) {}

  async open(): Promise<void> {
    this.stream.on('error', this.forwardError);
  }

  write(chunk: Buffer): boolean {
    if (this.failed) return true;
    this.pendingWrites++;
    const accepted = this.stream.write(chunk, () => {
      if (--this.pendingWrites === 0) this.whenFlushed?.();
    });
    this.full = !accepted;
    return accepted;
  }

  async drained(): Promise<void> {
    if (!this.full || this.failed) return;
    await once(this.stream, 'drain').catch(() => {});
    this.full = false;
  }

  async finish(): Promise<void> {
    if (this.pendingWrites > 0 && !this.failed) {
      await new Promise<void>((resolve) => {
        this.whenFlushed = resolve;
      });
    }
    if (this.shouldEnd()) {
      const finished = once(this.stream, 'finish').catch(() => {});
      this.stream.end();
      await finished;
    }
    this.release();
  }

  async close(): Promise<void> {
    if (this.released) return;
    if (this.shouldEnd()) this.stream.end();
    this.release();
  }

  private shouldEnd(): boolean {
    const isParentStdio = this.stream === process.stdout || this.stream === process.stderr;
    return this.endWhenDone && !isParentStdio && !this.stream.writableEnded;
  }

  private release(): void {
    this.released = true;
    this.stream.off('error', this.forwardError);
  }
}
