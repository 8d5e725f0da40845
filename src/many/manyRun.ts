import type { Subscriber, Subscription } from 'rxjs';
import type { PipemuxError } from '../errors.js';
import type { ManyPlan } from './checkMuxAll.js';
import { ChildInput } from './childInput.js';
import { ChildSlot } from './childSlot.js';
import { routeInput } from './inputRouter.js';
import { judgeRun } from './successRule.js';
import type { ManyEvent, SummaryEvent } from './types.js';

/**
 * One subscription of {@link muxAll}: starts the children in order (at most `maxConcurrent`
 * alive), passes their events on, fires kill-others, routes input, and ends with the summary.
 */
export class ManyRun {
  private readonly slots: ChildSlot[];
  private readonly startTime = performance.now();
  private nextToStart = 0;
  private alive = 0;
  private killOthers: SummaryEvent['killOthers'];
  private inputSubscription: Subscription | undefined;
  private ended = false;
  /** `stopStarting` aborted: no more starts or restarts. */
  private windingDown = false;
  private readonly onStopStarting = () => this.windDown();

  constructor(
    private readonly plan: ManyPlan,
    private readonly subscriber: Subscriber<ManyEvent>,
  ) {
    const inputs = plan.jobs.map((job) => (job.routable ? new ChildInput() : undefined));
    const restart = { tries: plan.restartTries, delay: plan.restartDelay };
    const hooks = {
      event: (event: ManyEvent) => subscriber.next(event),
      finished: (slot: ChildSlot) => this.childFinished(slot),
      mayRestart: () => this.killOthers === undefined && !this.ended && !this.windingDown,
      now: () => this.now(),
    };
    this.slots = plan.jobs.map((job, index) => new ChildSlot(job, inputs[index], restart, hooks));
    if (plan.input !== undefined) {
      const route = { jobs: plan.jobs, inputs, defaultTarget: plan.defaultInputTarget, label: plan.label };
      this.inputSubscription = routeInput(plan.input, route, (error) => this.fail(error));
    }
  }

  start(): void {
    const { stopStarting } = this.plan;
    if (stopStarting?.aborted === true) this.windingDown = true;
    else stopStarting?.addEventListener('abort', this.onStopStarting);
    this.startMore();
    this.windDownWaiting();
    this.completeIfDone();
  }

  /** Unsubscribed (or failed): every child is killed and releases what it held; nothing more is emitted. */
  stop(): void {
    this.ended = true;
    this.plan.stopStarting?.removeEventListener('abort', this.onStopStarting);
    this.inputSubscription?.unsubscribe();
    for (const slot of this.slots) slot.stop();
  }

  private now(): number {
    return performance.now() - this.startTime;
  }

  private windDown(): void {
    if (this.ended || this.windingDown) return;
    this.windingDown = true;
    this.windDownWaiting();
    this.completeIfDone();
  }

  /** Winding down: children not started never start, a pending restart is dropped; running ones go on. */
  private windDownWaiting(): void {
    if (!this.windingDown) return;
    for (const slot of this.slots) if (slot.state === 'waiting' || slot.state === 'restarting') slot.kill();
  }

  private startMore(): void {
    while (!this.ended && !this.windingDown && this.killOthers === undefined && this.alive < this.plan.maxConcurrent && this.nextToStart < this.slots.length) {
      this.alive++;
      this.slots[this.nextToStart++]!.start();
    }
  }

  private childFinished(slot: ChildSlot): void {
    if (slot.started) this.alive--;
    if (this.ended) return;
    const reason = slot.outcome === 'failure' ? 'failure' : slot.outcome === 'success' ? 'success' : undefined;
    if (this.killOthers === undefined && reason !== undefined && this.plan.killOthersOn.has(reason)) {
      const { name, index } = slot.job;
      this.killOthers = { index, name, reason, at: this.now() };
      for (const other of this.slots) if (other !== slot) other.kill();
    }
    this.startMore();
    this.completeIfDone();
  }

  private completeIfDone(): void {
    if (this.ended || !this.slots.every((slot) => slot.state === 'done')) return;
    this.ended = true;
    this.plan.stopStarting?.removeEventListener('abort', this.onStopStarting);
    this.inputSubscription?.unsubscribe();
    this.subscriber.next(this.summary());
    this.subscriber.complete();
  }

  private summary(): SummaryEvent {
    const children = this.slots.map((slot) => slot.summary());
    const ruled = children.map((child) => ({ ...child, endedAt: child.attempts.at(-1)?.endedAt ?? Infinity }));
    const verdict = judgeRun(this.plan.success, ruled);
    const summary: SummaryEvent = { type: 'summary', success: verdict.success, children, durationMs: this.now() };
    if (verdict.failedBy !== undefined) summary.failedBy = verdict.failedBy;
    if (this.killOthers !== undefined) summary.killOthers = this.killOthers;
    return summary;
  }

  private fail(error: PipemuxError): void {
    if (this.ended) return;
    this.stop();
    this.subscriber.error(error);
  }
}
