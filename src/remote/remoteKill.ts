import type { Connection } from './connection.js';
import { trackRemoteGroup } from './exitCleanup.js';

/** How a run ends its command: the run's `killSignal` and `forceKillAfterDelay` (ms, or false: never SIGKILL). */
export interface KillSettings {
  killSignal: NodeJS.Signals;
  forceKillAfterDelay: number | false;
}

/**
 * The end of one remote command on its host. Once its process group is known, a kill asked for
 * (now or earlier) sends `killSignal` to the group over the shared connection, and SIGKILL after
 * `forceKillAfterDelay` unless the command's end was seen by then. Meanwhile the group is one this
 * process ends on its way out (exitCleanup.ts).
 */
export class RemoteKill {
  /** The signals sent, by name: how the run reads a status of 128+n. */
  readonly sent = new Set<NodeJS.Signals>();
  private pgid: number | undefined;
  private wanted = false;
  private over = false;
  private firstSentAt: number | undefined;
  private escalation: NodeJS.Timeout | undefined;
  private untrack: (() => void) | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly settings: KillSettings,
  ) {}

  /** The command started, leading group `pgid` (its parent, the wrapper, does): a kill may now be sent. */
  started(pgid: number): void {
    this.pgid = pgid;
    const { killSignal, forceKillAfterDelay } = this.settings;
    this.untrack = trackRemoteGroup({ connection: this.connection, pgid, signal: killSignal.slice(3), forceKillAfterDelay });
    if (this.wanted) void this.send();
  }

  /** Ends the command: now, or as soon as it started. Once. */
  request(): void {
    if (this.wanted) return;
    this.wanted = true;
    if (this.pgid !== undefined && !this.over) void this.send();
  }

  /** The command's end was seen (its status came): nothing more to send. */
  ended(): void {
    this.over = true;
    this.dispose();
  }

  /**
   * Nothing will tell of the command's end any more (its local ssh is gone): the kill signal (again,
   * if it was sent), then SIGKILL for what is left once `forceKillAfterDelay` has passed since the
   * first signal, in one session that waits on the host and returns as soon as the group is gone.
   */
  async endUnseen(): Promise<void> {
    if (this.pgid === undefined || this.over) return;
    this.over = true;
    clearTimeout(this.escalation);
    const { killSignal, forceKillAfterDelay } = this.settings;
    this.firstSentAt ??= performance.now();
    this.sent.add(killSignal);
    const waitMs = forceKillAfterDelay === false ? false : Math.max(0, Math.ceil(forceKillAfterDelay - (performance.now() - this.firstSentAt)));
    if (waitMs !== false) this.sent.add('SIGKILL');
    await this.connection.endGroup({ pgid: this.pgid, signal: killSignal.slice(3) }, waitMs);
    this.dispose();
  }

  /** Stops the escalation and forgets the group (the run is over). */
  dispose(): void {
    clearTimeout(this.escalation);
    this.untrack?.();
  }

  private async send(): Promise<void> {
    const { killSignal, forceKillAfterDelay } = this.settings;
    await this.signal(killSignal);
    if (forceKillAfterDelay === false || killSignal === 'SIGKILL' || this.over) return;
    // Unref'd: if this process exits meanwhile, its exit handler ends the group.
    this.escalation = setTimeout(() => {
      if (!this.over) void this.signal('SIGKILL');
    }, forceKillAfterDelay).unref();
  }

  private signal(signal: NodeJS.Signals): Promise<void> {
    this.sent.add(signal);
    this.firstSentAt ??= performance.now();
    return this.connection.signalGroups(this.pgid!, signal.slice(3));
  }
}
