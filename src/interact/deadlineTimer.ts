/**
 * One timer for a session's expect() calls. Arming and clearing a Node timer for every expect
 * (thousands a second in a tight send/expect loop) costs more than the search itself, so this
 * timer stays armed for the earliest deadline asked for and, when it fires early for the current
 * one (the expect that set it already settled), is armed again for what is left.
 */
export class DeadlineTimer {
  private timer: NodeJS.Timeout | undefined;
  /** When the armed timer fires (performance.now() ms). */
  private due = Infinity;
  private deadline = Infinity;
  private disposed = false;

  constructor(
    private readonly onDeadline: () => void,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** Calls `onDeadline` once `ms` from now have passed, unless {@link set} or {@link clear} comes first. */
  set(ms: number): void {
    if (this.disposed) return;
    this.deadline = ms === Infinity ? Infinity : this.clock() + ms;
    if (this.deadline < this.due) this.arm();
  }

  /** No deadline any more; the armed timer (if any) stays and finds nothing to do. */
  clear(): void {
    this.deadline = Infinity;
  }

  /** Stops the timer for good (the session ended): nothing is armed any more. */
  dispose(): void {
    this.disposed = true;
    this.deadline = Infinity;
    this.disarm();
  }

  private arm(): void {
    this.disarm();
    this.due = this.deadline;
    this.timer = setTimeout(() => this.fire(), Math.max(0, Math.ceil(this.due - this.clock())));
  }

  private disarm(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.due = Infinity;
  }

  private fire(): void {
    this.timer = undefined;
    this.due = Infinity;
    if (this.deadline === Infinity) return;
    // Node's timers count whole milliseconds of the loop's clock: they may fire a little before the deadline.
    if (this.clock() < this.deadline) return this.arm();
    this.deadline = Infinity;
    this.onDeadline();
  }
}
