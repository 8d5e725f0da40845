import { Observable, type Subscriber } from 'rxjs';
import type { StdinItem } from '../types.js';

/**
 * The routed stdin of one child across its runs: what arrives while a run reads it goes to that
 * run; what arrives while no run does (before the child's turn, between restarts) waits here for
 * the next run. Once the child is done for good, input for it is dropped.
 */
export class ChildInput {
  private readonly waiting: StdinItem[] = [];
  private reader: Subscriber<StdinItem> | undefined;
  private ended = false;
  private closed = false;

  /** The `stdin` option of one run: the waiting items, then live ones; EOF when the input ends. */
  readonly source = new Observable<StdinItem>((subscriber) => {
    for (const item of this.waiting.splice(0)) subscriber.next(item);
    if (this.ended) {
      subscriber.complete();
      return undefined;
    }
    this.reader = subscriber;
    return () => {
      if (this.reader === subscriber) this.reader = undefined;
    };
  });

  push(item: StdinItem): void {
    if (this.reader !== undefined) this.reader.next(item);
    else if (!this.closed && !this.ended) this.waiting.push(item);
  }

  /** The input ended: EOF for the current run and every later one. */
  end(): void {
    this.ended = true;
    this.reader?.complete();
  }

  /** The child will not run again: drop what waits and what comes. */
  close(): void {
    this.closed = true;
    this.waiting.length = 0;
  }
}
