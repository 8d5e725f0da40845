import type { Writable } from 'node:stream';

// Enough text per write that a flood of short lines costs a few syscalls, not one per line.
const BATCH_CHARS = 64 * 1024;

/**
 * Collects text for a stream and writes it in batches: when a batch is full, and at the end of the
 * current turn of the event loop, so output stays live. Writing a line at a time to a file or a
 * pipe (synchronous in Node) costs a syscall per line: ten times slower on a flood.
 */
export class BatchedWriter {
  private pending = '';
  private scheduled: NodeJS.Immediate | undefined;
  private broken = false;

  constructor(private readonly destination: Writable) {}

  write(text: string): void {
    if (this.broken) return;
    this.pending += text;
    if (this.pending.length >= BATCH_CHARS) this.flush();
    else this.scheduled ??= setImmediate(() => this.flush());
  }

  /** Writes what is pending now (before a message of ours, and at the end). */
  flush(): void {
    if (this.scheduled !== undefined) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    if (this.pending === '' || this.broken) return;
    const text = this.pending;
    this.pending = '';
    this.destination.write(text);
  }

  /** The stream failed (EPIPE: its reader went away): drop what is pending and all that comes. (process.stdout never says so itself: it is never destroyed.) */
  discard(): void {
    this.broken = true;
    this.pending = '';
    if (this.scheduled !== undefined) clearImmediate(this.scheduled);
    this.scheduled = undefined;
  }
}
