import { killTreeNow } from '../../process/tree/killTreeNow.js';
import { signalTree } from '../../process/tree/signalTree.js';
import { statusOfSignal } from '../exitStatus.js';
import type { GroupSignalProbe } from '../signals/groupSignalSentinel.js';

// After a second signal, how long the killed commands' last output (and what --group holds) may take to come out.
const SECOND_SIGNAL_GRACE_MS = 1000;

/** What the signals of `pipemux --many` act on. */
export interface ManySignalTargets {
  /** Tells a terminal's signal to our whole group (which reached the commands already) from one for us alone. */
  groupSignals: GroupSignalProbe;
  /** Aborted on the first signal: nothing more is started or restarted. */
  stopStarting: AbortController;
  /** With --hosts: aborted on the first signal, which stops the commands on their hosts (a signal to the local ssh would not). */
  cancelRemotes: AbortController | undefined;
  /** Ends the run at once with `status` (after a second signal). */
  stopNow(status: number): void;
}

/**
 * The signals `pipemux --many` gets. The first winds the run down: it reaches every process of
 * every running command once (a terminal's Ctrl-C already did: the commands are in our process
 * group), and a command still starting gets it when its spawn event comes. A second one kills
 * every command's tree; the run ends with 128+n when their exits (and what they wrote last) have
 * come in, or {@link SECOND_SIGNAL_GRACE_MS} later at the most (at once on a third signal).
 */
export class ManySignals {
  /** The running commands' pids, by index. */
  private readonly alive = new Map<number, number>();
  private signals = 0;
  /** The first signal, when it was ours alone and passed on to the commands. */
  private forwarded: NodeJS.Signals | undefined;
  private graceTimer: NodeJS.Timeout | undefined;
  /** Set by a second signal: the status pipemux ends with, whatever the commands' results. */
  status: number | undefined;

  constructor(private readonly targets: ManySignalTargets) {}

  /** Our process got `signal`. */
  received(signal: NodeJS.Signals): void {
    const { targets } = this;
    if (this.signals++ === 0) {
      targets.stopStarting.abort();
      if (targets.cancelRemotes !== undefined) return targets.cancelRemotes.abort();
      void targets.groupSignals.wasGroupSignal(signal).then((reachedCommands) => {
        if (reachedCommands || this.signals > 1) return;
        this.forwarded = signal;
        for (const pid of this.alive.values()) void signalTree(pid, signal);
      });
      return;
    }
    for (const pid of this.alive.values()) void killTreeNow(pid);
    this.status ??= statusOfSignal(signal);
    const stopNow = () => targets.stopNow(this.status!);
    // Their exits come at once after SIGKILL: with them what they wrote last, and the groups --group holds.
    if (this.alive.size === 0 || this.signals > 2) return stopNow();
    this.graceTimer ??= setTimeout(stopNow, SECOND_SIGNAL_GRACE_MS);
  }

  /** Command `index` started as `pid`: it gets a signal already passed on to the others. */
  spawned(index: number, pid: number): void {
    this.alive.set(index, pid);
    if (this.forwarded !== undefined && this.signals === 1) void signalTree(pid, this.forwarded);
  }

  /** Command `index` exited. */
  exited(index: number): void {
    this.alive.delete(index);
  }

  /** The run is over: no timer left, no sentinel process. */
  dispose(): void {
    clearTimeout(this.graceTimer);
    this.targets.groupSignals.stop();
  }
}
