import type { OutputStreamName } from '../types.js';
import { DeadlineTimer } from './deadlineTimer.js';
import type { PendingExpect } from './pendingExpect.js';
import type { SessionText } from './sessionText.js';

/** How the queue learns why an expect failed; both come from the session, which knows the child. */
export interface ExpectEndings {
  /** The error of an expect that cannot match any more (the child exited, the run failed), or `undefined`. */
  ending(pending: PendingExpect): unknown;
  /** The error of an expect whose timeout passed. */
  timedOut(pending: PendingExpect): unknown;
}

/**
 * The session's `expect()` calls, run one after another in call order: the first searches the
 * text each time some arrives, under one timer for its timeout; the next starts when it settles.
 */
export class ExpectQueue {
  private readonly waiting: PendingExpect[] = [];
  private readonly deadline = new DeadlineTimer(() => this.timeOut());

  constructor(
    private readonly text: SessionText,
    private readonly endings: ExpectEndings,
  ) {}

  add(pending: PendingExpect): void {
    this.waiting.push(pending);
    if (this.waiting.length === 1) this.advance();
  }

  /** Text arrived on `stream`: search again if the searching expect looks at it. */
  textArrived(stream: OutputStreamName): void {
    const view = this.waiting[0]?.view;
    if (view === 'all' || view === stream) this.advance();
  }

  /** Settles the expects that can settle now, in order: a match, or an ending (exit, failure). */
  advance(): void {
    for (let pending = this.waiting[0]; pending !== undefined; pending = this.waiting[0]) {
      if (!pending.search(this.text)) {
        const ending = this.endings.ending(pending);
        if (ending === undefined) return this.waitFor(pending);
        pending.fail(ending);
      }
      this.waiting.shift();
      this.deadline.clear();
    }
  }

  /** No more timeouts: the session ended (every expect left has settled by now). */
  dispose(): void {
    this.deadline.dispose();
  }

  /** The searching expect found nothing yet: its timeout starts (once). */
  private waitFor(pending: PendingExpect): void {
    if (pending.started) return;
    pending.started = true;
    this.deadline.set(pending.timeout);
  }

  private timeOut(): void {
    const pending = this.waiting.shift();
    if (pending === undefined) return;
    pending.fail(this.endings.timedOut(pending));
    this.advance();
  }
}
