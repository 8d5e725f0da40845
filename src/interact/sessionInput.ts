/** One piece of input waiting for the pipe, and whom to tell once the pipe took it. */
interface QueuedInput {
  data: string | Uint8Array;
  bytes: number;
  taken: () => void;
}

/** Why {@link SessionInput.offer} did not queue the data. */
export type OfferRefusal = 'ended' | 'backlog';

const DONE: IteratorResult<string | Uint8Array> = { done: true, value: undefined };

/**
 * The child's stdin as pipemux pulls it: an async iterable the session fills. pipemux asks for
 * the next item only after the pipe took the previous one (its write returned true, or the pipe
 * drained), so a `send()` resolves when its data was handed to the pipe, writes keep their order,
 * and a child that does not read leaves items here, bounded by `maxQueuedBytes`.
 */
export class SessionInput implements AsyncIterableIterator<string | Uint8Array> {
  private readonly queue: QueuedInput[] = [];
  private queuedBytes = 0;
  /** The item pipemux is writing: taken once it asks for the next one. */
  private inFlight: QueuedInput | undefined;
  /** pipemux waiting for an item. */
  private waiting: ((result: IteratorResult<string | Uint8Array>) => void) | undefined;
  private ending = false;
  private closed = false;
  private readonly eofGiven: Promise<void>;
  private giveEof!: () => void;

  constructor(private readonly maxQueuedBytes: number) {
    this.eofGiven = new Promise((resolve) => (this.giveEof = resolve));
  }

  /** Bytes waiting, not yet taken by the pipe. */
  get backlog(): number {
    return this.queuedBytes;
  }

  /**
   * Queues data; the promise resolves once the pipe took it (or input closed: then it is dropped).
   * Refuses after {@link end} (until closed), and when the backlog would exceed the bound (one item always fits).
   */
  offer(data: string | Uint8Array): Promise<void> | OfferRefusal {
    if (this.closed) return Promise.resolve();
    if (this.ending) return 'ended';
    const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
    if (this.queuedBytes > 0 && this.queuedBytes + bytes > this.maxQueuedBytes) return 'backlog';
    return new Promise((taken) => {
      const item = { data, bytes, taken };
      const waiting = this.waiting;
      if (waiting === undefined) {
        this.queue.push(item);
        this.queuedBytes += bytes;
        return;
      }
      this.waiting = undefined;
      this.inFlight = item;
      waiting({ done: false, value: data });
    });
  }

  /** No more input: EOF once everything queued was taken. Resolves when the EOF was given (or input closed). */
  end(): Promise<void> {
    this.ending = true;
    if (this.queue.length === 0 && this.waiting !== undefined) this.finish();
    return this.eofGiven;
  }

  /** The child's stdin is gone (exit, EPIPE, session closed): drops what waits and settles every promise. */
  close(): void {
    this.ending = true;
    this.closed = true;
    this.inFlight?.taken();
    this.inFlight = undefined;
    for (const item of this.queue.splice(0)) item.taken();
    this.queuedBytes = 0;
    this.finish();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<string | Uint8Array>> {
    // Asking again means the pipe took the previous item.
    this.inFlight?.taken();
    this.inFlight = undefined;
    const item = this.queue.shift();
    if (item !== undefined) {
      this.queuedBytes -= item.bytes;
      this.inFlight = item;
      return Promise.resolve({ done: false, value: item.data });
    }
    if (this.ending) {
      this.finish();
      return Promise.resolve(DONE);
    }
    return new Promise((resolve) => (this.waiting = resolve));
  }

  /** pipemux stops feeding (the child exited or closed its stdin). */
  return(): Promise<IteratorResult<string | Uint8Array>> {
    // close() only resolves promises: it cannot throw.
    this.close();
    return Promise.resolve(DONE);
  }

  private finish(): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.(DONE);
    this.giveEof();
  }
}
