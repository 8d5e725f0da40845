import type { Writable } from 'node:stream';
import type { Subscription } from 'rxjs';
import type { ClassifiedSource, ItemIterator } from './stdinSource.js';
import { whenDrained } from '../streams/whenDrained.js';
import { describeValue } from '../errors.js';
import { toChunk } from './stdinItem.js';

/** Puts what was written on the timeline. */
export type Echo = (data: string | Buffer) => void;

/** How a feeder reports failures to its owner. */
export interface FeedHooks {
  /** The source threw or errored, or gave an item that is not a string, Buffer or string array. */
  sourceFailed(cause: unknown): void;
  /** Writing failed for a reason other than the reader having gone away. */
  writeFailed(cause: Error): void;
}

// The child closed its stdin or exited: not an error of ours, just stop feeding.
const READER_GONE = new Set(['EPIPE', 'ECONNRESET', 'ERR_STREAM_DESTROYED']);

/**
 * Writes a stdin source into a writable (the child's stdin pipe, or our end of a FIFO) item by
 * item and ends the writable when the source completes. A pulled source is asked for its next
 * item only after the writable drained. An Observable is subscribed at once (when the timeline is
 * subscribed), so that items pushed into a Subject right after subscribing are not lost; what it
 * emits before {@link attach} is queued.
 */
export class InputFeeder {
  private writable: Writable | undefined;
  private echo: Echo = () => {};
  private stopped = false;
  private iterator: ItemIterator | undefined;
  private subscription: Subscription | undefined;
  private readonly queued: unknown[] = [];
  private pushCompleted = false;
  private wakeDrainWaiter: (() => void) | undefined;
  private hooks: FeedHooks | undefined;
  /** A source failure that came before {@link reportTo}. */
  private earlyFailure: { cause: unknown } | undefined;

  constructor(private readonly source: ClassifiedSource) {
    if (source.kind === 'push') {
      this.subscription = source.observable.subscribe({
        next: (item) => (this.writable === undefined ? this.queued.push(item) : this.writeItem(item)),
        error: (error: unknown) => this.failSource(error),
        complete: () => (this.writable === undefined ? (this.pushCompleted = true) : this.end()),
      });
    }
  }

  /** Sends failures to `hooks` from now on, including one that already happened. */
  reportTo(hooks: FeedHooks): void {
    this.hooks = hooks;
    if (this.earlyFailure !== undefined) hooks.sourceFailed(this.earlyFailure.cause);
  }

  /** Starts writing into `writable`. Its errors are handled here from now on. */
  attach(writable: Writable, echo: Echo): void {
    if (this.stopped) return;
    this.writable = writable;
    this.echo = echo;
    writable.on('error', (error: Error) => this.onWriteError(error));
    if (this.source.kind === 'pull') {
      void this.pull(this.source.open);
      return;
    }
    for (const item of this.queued.splice(0)) this.writeItem(item);
    if (this.pushCompleted) this.end();
  }

  /** Stops feeding for good: unsubscribes, or lets an iterator run its `finally` (not awaited). */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.subscription?.unsubscribe();
    this.wakeDrainWaiter?.();
    const { iterator } = this;
    if (iterator?.return !== undefined) {
      Promise.resolve()
        .then(() => iterator.return!())
        .catch(() => {});
    }
  }

  private async pull(open: () => ItemIterator): Promise<void> {
    try {
      this.iterator = open();
    } catch (error) {
      return this.failSource(error);
    }
    while (!this.stopped) {
      let step: IteratorResult<unknown>;
      try {
        step = await this.iterator.next();
      } catch (error) {
        this.iterator = undefined; // a generator that threw is finished: nothing to return()
        return this.failSource(error);
      }
      if (this.stopped) return;
      if (step.done) return this.end();
      if (!this.writeItem(step.value) && !(await this.drained())) return this.stop();
    }
  }

  /** Writes one item; false when the writable is full (or gone) and the caller should wait. */
  private writeItem(item: unknown): boolean {
    const writable = this.writable!;
    if (this.stopped || !isOpen(writable)) return false;
    const chunk = toChunk(item);
    if (chunk === undefined) {
      this.failSource(
        new TypeError(
          `a stdin item must be a string, a Buffer or an array of strings, got ${Array.isArray(item) ? 'an array with a non-string element' : describeValue(item)}`,
        ),
      );
      return false;
    }
    if (chunk.length === 0) return true;
    this.echo(chunk);
    return writable.write(chunk);
  }

  /** Resolves true once the writable drained; false if it closed or errored, or feeding stopped first. */
  private async drained(): Promise<boolean> {
    const writable = this.writable!;
    if (this.stopped || !isOpen(writable)) return false;
    const stopped = new Promise<'stopped'>((resolve) => (this.wakeDrainWaiter = () => resolve('stopped')));
    const outcome = await Promise.race([whenDrained(writable), stopped]);
    this.wakeDrainWaiter = undefined;
    return outcome === 'drained' && !this.stopped;
  }

  private end(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (isOpen(this.writable!)) this.writable!.end();
  }

  private failSource(cause: unknown): void {
    if (this.stopped) return;
    this.stop();
    if (this.hooks === undefined) this.earlyFailure = { cause };
    else this.hooks.sourceFailed(cause);
  }

  private onWriteError(error: Error): void {
    this.stop();
    if (READER_GONE.has((error as NodeJS.ErrnoException).code ?? '')) return;
    this.hooks?.writeFailed(error);
  }
}

function isOpen(writable: Writable): boolean {
  return !writable.destroyed && !writable.writableEnded;
}
