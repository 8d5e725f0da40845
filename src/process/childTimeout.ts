import type { Child } from './spawnChild.js';
import { canListProcesses, readProcess } from './tree/processTable.js';
import { sendSignal } from './tree/sendSignal.js';

/**
 * The `timeout` option: kills the child (execa's `kill()`: `killSignal`, then SIGKILL after
 * `forceKillAfterDelay`) if it still runs when the time is up. `timedOut` is set only when it was
 * running then: a child that exited on its own is not reported as timed out, even when its
 * pipes stay open longer (a grandchild) or its exit was not yet noticed when the timer fired.
 * To know, the child is frozen with SIGSTOP and then looked at (/proc, or `ps`): a stopped child
 * cannot exit before the signal reaches it, a zombie had exited by itself (the killer sends SIGCONT
 * after `killSignal`, so the signal is acted on).
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
    const hasExited = () => child === undefined || child.pid === undefined || child.exitCode !== null || child.signalCode !== null;
    if (hasExited()) return;
    if (!canListProcesses()) {
      this.timedOut = true;
      return this.kill(child!);
    }
    const pid = child!.pid!;
    sendSignal(pid, 'SIGSTOP');
    void readProcess(pid).then(
      (entry) => {
        if (hasExited() || entry === undefined || entry.zombie) return sendSignal(pid, 'SIGCONT');
        this.timedOut = true;
        this.kill(child!);
      },
      () => sendSignal(pid, 'SIGCONT'),
    );
  }
}
