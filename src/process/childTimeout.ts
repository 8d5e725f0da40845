import type { Child } from './spawnChild.js';

/**
 * The `timeout` option: kills the child (execa's `kill()`: `killSignal`, then SIGKILL after
 * `forceKillAfterDelay`) if it still runs when the time is up. `timedOut` is set only when it was
 * running then: a child that exited on its own is not reported as timed out, even when its
 * pipes stay open longer (a grandchild) or its exit was not yet noticed when the timer fired.
 */
export class ChildTimeout {
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  /** Whether the timeout expired while the child was running, and it was sent the signal. */
  timedOut = false;

  constructor(
    private readonly ms: number | undefined,
    private readonly childOf: () => Child | undefined,
    /** How the child is ended (with `killTree`, its descendants too). */
    private readonly kill: (child: Child) => void = (child) => child.kill(),
  ) {}

  /** The child was spawned: the time starts now. */
  start(): void {
    if (this.ms === undefined) return;
    this.timer = setTimeout(() => {
      // An exit that already happened is noticed in the loop's next poll (SIGCHLD): look after it.
      this.immediate = setImmediate(() => this.expire());
    }, this.ms);
  }

  stop(): void {
    clearTimeout(this.timer);
    if (this.immediate !== undefined) clearImmediate(this.immediate);
  }

  private expire(): void {
    const child = this.childOf();
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    this.timedOut = true;
    this.kill(child);
  }
}
