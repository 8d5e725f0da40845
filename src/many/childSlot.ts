import { Subscription } from 'rxjs';
import { pipemux } from '../pipemux.js';
import type { MuxEvent, PipemuxOptions } from '../types.js';
import type { CheckedJob } from './checkMuxAll.js';
import type { ChildInput } from './childInput.js';
import type { AttemptSummary, ChildEvent, ChildOutcome, ChildSummary } from './types.js';

/** What a slot needs from the run it belongs to. */
export interface SlotHooks {
  /** Passes one of the child's events on. */
  event(event: ChildEvent): void;
  /** The child is done for good: its outcome is known. */
  finished(slot: ChildSlot): void;
  /** Whether a failed child may still be restarted (not after kill-others fired). */
  mayRestart(): boolean;
  /** Milliseconds since the run's subscription. */
  now(): number;
}

/** Restart settings of the run. */
export interface RestartPolicy {
  tries: number;
  delay: (restart: number) => number;
}

/**
 * One child of a run across its restarts: subscribes one pipemux timeline per run (attempt), tags
 * its events with the child's name and index, restarts it after a failure, and stops it when
 * kill-others fires, through a cancel signal so that its exit event (the real code or signal) still comes.
 */
export class ChildSlot {
  state: 'waiting' | 'running' | 'restarting' | 'done' = 'waiting';
  outcome: ChildOutcome | undefined;
  readonly attempts: AttemptSummary[] = [];
  private subscription: Subscription | undefined;
  private cancel: AbortController | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  /** When kill-others asked this child to stop (the run's clock), if it did. */
  private killedAt: number | undefined;
  /** When the current attempt's process exited (the run's clock), once its exit event came. */
  private exitedAt: number | undefined;
  private stopped = false;

  constructor(
    readonly job: CheckedJob,
    private readonly input: ChildInput | undefined,
    private readonly restart: RestartPolicy,
    private readonly hooks: SlotHooks,
  ) {}

  /** Whether the child was ever started (a skipped one was not). */
  get started(): boolean {
    return this.attempts.length > 0;
  }

  start(): void {
    if (this.state === 'waiting') this.runAttempt();
  }

  /** Kill-others: a running child gets its kill signal (then SIGKILL); a waiting one never starts; a pending restart is dropped. */
  kill(): void {
    if (this.state === 'waiting') this.finish('skipped');
    else if (this.state === 'restarting') {
      clearTimeout(this.restartTimer);
      this.finish('failure');
    } else if (this.state === 'running') {
      this.killedAt = this.hooks.now();
      this.cancel?.abort();
    }
  }

  /** The run was unsubscribed: unsubscribing the timeline kills the child and releases what it held. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    this.subscription?.unsubscribe();
  }

  summary(): ChildSummary {
    const { name, index, command } = this.job;
    const last = this.attempts.at(-1);
    const summary: ChildSummary = {
      name,
      index,
      command,
      outcome: this.outcome ?? 'skipped',
      code: last?.code ?? null,
      signal: last?.signal ?? null,
      durationMs: last?.durationMs ?? 0,
      restarts: Math.max(0, this.attempts.length - 1),
      attempts: this.attempts,
    };
    if (last?.error !== undefined) summary.error = last.error;
    return summary;
  }

  private runAttempt(): void {
    const { job, hooks } = this;
    const attempt = this.attempts.length;
    const record: AttemptSummary = { pid: undefined, code: null, signal: null, startedAt: undefined, endedAt: Number.NaN, durationMs: 0 };
    this.attempts.push(record);
    this.state = 'running';
    this.exitedAt = undefined;
    const cancel = new AbortController();
    this.cancel = cancel;
    const own = job.options.cancelSignal;
    const options: PipemuxOptions = { ...job.options, cancelSignal: own === undefined ? cancel.signal : AbortSignal.any([cancel.signal, own]) };
    if (this.input !== undefined) options.stdin = this.input.source;
    const { name, index } = job;
    const subscription = new Subscription();
    this.subscription = subscription;
    let timeline;
    try {
      timeline = pipemux(job.file, job.args, options);
    } catch (error) {
      // Checked when muxAll() was called; only a broken environment gets here.
      record.error = error as Error;
      return this.attemptEnded(record);
    }
    subscription.add(
      timeline.subscribe({
        next: (event: MuxEvent) => {
          if (event.type === 'spawn') {
            record.pid = event.pid;
            record.startedAt = hooks.now();
          } else if (event.type === 'exit') {
            // The exit itself may lie well before its event (pipes drained first): when was it?
            this.exitedAt = hooks.now() - (event.time - event.durationMs);
            record.code = event.code;
            record.signal = event.signal;
            record.durationMs = event.durationMs;
          }
          // The event is ours alone (pipemux makes a fresh one per emit): tag it in place, no copy per line.
          const tagged = event as ChildEvent;
          tagged.name = name;
          tagged.index = index;
          tagged.attempt = attempt;
          hooks.event(tagged);
        },
        error: (error: Error) => {
          record.error = error;
          this.attemptEnded(record);
        },
        complete: () => this.attemptEnded(record),
      }),
    );
  }

  private attemptEnded(record: AttemptSummary): void {
    record.endedAt = this.hooks.now();
    this.subscription = undefined;
    this.cancel = undefined;
    if (this.stopped) return;
    // A child that had exited by itself before kill-others asked it to stop ended as it did: its own outcome.
    const killed = this.killedAt !== undefined && !(this.exitedAt !== undefined && this.exitedAt < this.killedAt);
    if (killed) return this.finish(this.attempts.some((attempt) => attempt.startedAt !== undefined) ? 'killed' : 'skipped');
    const failed = record.error !== undefined || record.code !== 0 || record.signal !== null;
    const restarts = this.attempts.length - 1;
    // A child the caller cancelled through its own cancelSignal is not started again.
    const cancelledByCaller = this.job.options.cancelSignal?.aborted === true;
    if (!failed || restarts >= this.restart.tries || cancelledByCaller || !this.hooks.mayRestart()) return this.finish(failed ? 'failure' : 'success');
    this.state = 'restarting';
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      this.runAttempt();
    }, this.restart.delay(restarts));
  }

  private finish(outcome: ChildOutcome): void {
    this.state = 'done';
    this.outcome = outcome;
    this.input?.close();
    this.hooks.finished(this);
  }
}
