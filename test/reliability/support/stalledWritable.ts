import { Writable } from 'node:stream';

/**
 * A Writable whose first write stays pending until the test fails it (a disk gone away), and which
 * says, through promises, when that write is pending and when `end()` was called on it.
 */
export class StalledWritable extends Writable {
  readonly writePending: Promise<void>;
  readonly endCalled: Promise<void>;
  private pendingCallback: ((error?: Error | null) => void) | undefined;
  private onWritePending!: () => void;
  private onEndCalled!: () => void;

  constructor() {
    super();
    this.writePending = new Promise((resolve) => (this.onWritePending = resolve));
    this.endCalled = new Promise((resolve) => (this.onEndCalled = resolve));
  }

  override _write(_chunk: unknown, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.pendingCallback = callback;
    this.onWritePending();
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override end(...args: any[]): this {
    this.onEndCalled();
    return super.end(...(args as []));
  }

  /** Completes the pending write with `error`. */
  failPendingWrite(error: Error): void {
    this.pendingCallback?.(error);
  }
}
