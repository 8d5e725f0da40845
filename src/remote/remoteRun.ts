import { randomBytes } from 'node:crypto';
import { readFile, unlink } from 'node:fs/promises';
import type { Observable, Subscriber, Subscription } from 'rxjs';
import { PipemuxError, RemoteError } from '../errors.js';
import type { RunParts, SpawnInspector } from '../process/ports.js';
import type { ExitEvent, MuxEvent, OutputStreamName, PipemuxOptions, SpawnEvent } from '../types.js';
import { acquireConnection, type Lease } from './connectionPool.js';
import type { ConnectFailure } from './connection.js';
import { RemoteKill } from './remoteKill.js';
import { canceledError, exitError, remoteOutcome, type RemoteOutcome } from './remoteOutcome.js';
import type { RemotePlan } from './remotePlan.js';
import { remoteSpawnEvent } from './remoteSpawnEvent.js';
import { NO_TTY_REPORT } from './remoteTty.js';
import { remoteCommandLine } from './remoteWrapper.js';
import { WrapperRecords, type WrapperRecord } from './wrapperRecords.js';

/** The local ssh run: its command line, the options it takes from the user's, and the user's command to show. */
export interface LocalSshRun {
  file: string;
  args: string[];
  options: PipemuxOptions;
  command: string;
}

/** Plans and runs a command locally (what `pipemux()` does without `remote`), with parts added or replaced. */
export type LocalRunner = (run: LocalSshRun, extraParts: Partial<RunParts>) => Observable<MuxEvent>;

type StartRecord = Extract<WrapperRecord, { kind: 'start' }>;

// The local tty report is about ssh: not worth reading /proc for.
const skipInspection: SpawnInspector = () => Promise.resolve({ tty: NO_TTY_REPORT });
// After an unsubscribe, how long the local ssh is kept beyond the kill's escalation while the command dies.
const STOP_GRACE_MS = 2000;
const MAX_MESSAGE_CHARS = 1000;

/**
 * One subscription of a remote timeline. The local child is ssh, over a shared connection, running
 * the command under the wrapper (remoteWrapper.ts); the wrapper's records, taken out of stderr,
 * give the command's pid (which leads its process group) and its status. The spawn event goes out
 * when the command started on the host. Stopping it (unsubscribe, `timeout`, `cancelSignal`, or the
 * local ssh ending first) signals that group over the connection, SIGKILL after
 * `forceKillAfterDelay`; the connection is released once nothing of the command can be left running.
 */
export class RemoteRun {
  private readonly nonce = randomBytes(8).toString('hex');
  private lease: Lease | undefined;
  private records: WrapperRecords | undefined;
  private inner: Subscription | undefined;
  private logPath: string | undefined;
  private localSpawn: SpawnEvent | undefined;
  private localExit: ExitEvent | undefined;
  private start: StartRecord | undefined;
  private startFailure: 'nocwd' | 'notfound' | 'notexec' | undefined;
  private status: number | undefined;
  /** Events that came before the command started (the spawn event goes first). */
  private early: MuxEvent[] = [];
  /** Made once connected: the end of the command on its host. */
  private kill: RemoteKill | undefined;
  private timedOut = false;
  private stopped = false;
  private innerEnded = false;
  private settled = false;
  private timers: NodeJS.Timeout[] = [];
  private drainTimer: NodeJS.Timeout | undefined;
  /** performance.now() when the local spawn event came, and its `time`: for times pipemux makes up itself. */
  private localSpawnAt = 0;
  /** When the wrapper's exit record came (ms since the local spawn). */
  private statusTime = 0;
  private readonly onCancel = () => this.cancel();

  constructor(
    private readonly plan: RemotePlan,
    private readonly subscriber: Subscriber<MuxEvent>,
    private readonly runLocal: LocalRunner,
  ) {}

  run(): void {
    const { cancelSignal } = this.plan;
    if (cancelSignal?.aborted === true) return this.settle({ error: canceledError(this.plan) });
    cancelSignal?.addEventListener('abort', this.onCancel);
    void this.connect().catch((error: unknown) => {
      this.release();
      this.settle({ error: error instanceof PipemuxError ? error : new PipemuxError(String(error), this.context()) });
    });
  }

  /** Unsubscribed: nothing more is emitted; the command is ended on the host before the connection is let go. */
  stop(): void {
    this.stopped = true;
    this.plan.cancelSignal?.removeEventListener('abort', this.onCancel);
    // Still connecting: nothing runs on the host yet; a start nobody else waits for is abandoned.
    if (this.inner === undefined) return this.lease?.release();
    if (this.innerEnded) return;
    this.kill?.request();
    // Bounded: a wrapper that never reports (a hung login shell) or a command that outlives SIGKILL's reach.
    const { forceKillAfterDelay } = this.plan;
    this.later((forceKillAfterDelay === false ? 0 : forceKillAfterDelay) + STOP_GRACE_MS, () => this.dropInner());
  }

  private async connect(): Promise<void> {
    const lease = await acquireConnection(this.plan.target);
    this.lease = lease;
    try {
      await lease.connection.ready;
    } catch (failure) {
      const { sshMessage, exitCode } = failure as ConnectFailure;
      throw new RemoteError(`cannot connect to ${this.plan.target.label}: ${sshMessage || `ssh exited with ${exitCode}`}`, {
        ...this.context(),
        host: this.plan.target.label,
        sshMessage,
        exitCode,
      });
    }
    if (this.stopped || this.settled) return this.release();
    if (this.plan.cancelSignal?.aborted === true) throw canceledError(this.plan);
    const { plan } = this;
    this.kill = new RemoteKill(lease.connection, plan);
    this.logPath = lease.connection.logPath();
    const commandLine = remoteCommandLine({
      nonce: this.nonce,
      survive: plan.killSignal.slice(3),
      cwd: plan.cwd,
      lineBuffered: plan.lineBuffered,
      env: plan.env,
      argv: plan.argv,
    });
    const [file, args] = await lease.connection.sessionCommand(commandLine, this.logPath);
    if (this.stopped || this.settled) return this.release();
    const records = new WrapperRecords(this.nonce, (record) => this.onRecord(record));
    this.records = records;
    this.inner = this.runLocal({ file, args, options: plan.local, command: plan.command }, { outputFilter: records, inspect: skipInspection }).subscribe({
      next: (event) => this.onLocalEvent(event),
      error: (error: unknown) => void this.localEnded(error).catch(() => {}),
      complete: () => void this.localEnded(undefined).catch(() => {}),
    });
  }

  private onLocalEvent(event: MuxEvent): void {
    if (event.type === 'spawn') {
      this.localSpawn = event;
      this.localSpawnAt = performance.now() - event.time;
    } else if (event.type === 'exit') this.localExit = event;
    else if (this.start === undefined) this.early.push(event);
    else {
      // Output after the command's end (a child of it writing) restarts the wait for the pipes.
      if (this.drainTimer !== undefined) this.watchDrain();
      this.emit(event);
    }
  }

  private onRecord(record: WrapperRecord): void {
    switch (record.kind) {
      case 'start':
        return this.started(record);
      case 'exit':
        this.status = record.status;
        this.statusTime = performance.now() - this.localSpawnAt;
        this.kill!.ended();
        return this.watchDrain();
      default:
        this.startFailure = record.kind;
    }
  }

  /** The command runs on the host: the spawn event, what came before it, the timeout, a kill asked for meanwhile. */
  private started(start: StartRecord): void {
    const { plan } = this;
    this.start = start;
    this.emit(remoteSpawnEvent(this.localSpawn!, start, plan));
    for (const event of this.early) this.emit(event);
    this.early = [];
    if (plan.timeout !== undefined) {
      this.later(plan.timeout, () => {
        if (this.status !== undefined || this.innerEnded) return;
        this.timedOut = true;
        this.kill!.request();
      });
    }
    // After the spawn event: a kill asked for while it started is sent now.
    this.kill!.started(start.pgid);
  }

  /**
   * The command ended, but ssh goes on as long as something on the host holds its stdout or stderr
   * (a child it left running): after `drainTimeout` ms without output, as for a local child, the
   * local ssh is let go and the exit event names the streams still held open.
   */
  private watchDrain(): void {
    clearTimeout(this.drainTimer);
    this.drainTimer = setTimeout(() => {
      if (this.innerEnded) return;
      const { stdout } = this.plan;
      const held = (['stdout', 'stderr'] as OutputStreamName[]).filter((name) => !this.records!.ended.has(name) && (name === 'stderr' || stdout === 'pipe'));
      const time = performance.now() - this.localSpawnAt;
      this.localExit = {
        type: 'exit',
        code: this.status!,
        signal: null,
        timedOut: false,
        durationMs: this.statusTime,
        time,
        ...(held.length > 0 ? { pipesHeldOpen: held } : {}),
      };
      this.inner?.unsubscribe();
      void this.localEnded(undefined).catch(() => {});
    }, this.plan.drainTimeout);
  }

  private cancel(): void {
    if (this.inner !== undefined) return this.kill!.request();
    // Still connecting: the command is not run (as a local child whose cancelSignal aborts before spawn).
    this.lease?.release();
    this.settle({ error: canceledError(this.plan) });
  }

  /** The local ssh is done (or was dropped): the outcome, then, if the command may still run, its end on the host. */
  private async localEnded(error: unknown): Promise<void> {
    if (this.innerEnded) return;
    this.innerEnded = true;
    const mayRun = this.start !== undefined && this.status === undefined;
    try {
      this.settle(error !== undefined ? { error: error as PipemuxError } : await this.outcome());
      if (!mayRun) return;
      // The command's end is unknown: its connection may be lost (then the kill goes over a new one).
      await this.lease!.connection.checkAlive();
      await this.kill!.endUnseen();
    } finally {
      this.release();
    }
  }

  private async outcome(): Promise<RemoteOutcome> {
    const sshMessage = this.logPath === undefined ? '' : await readFile(this.logPath, 'utf8').then(lastWords, () => '');
    return remoteOutcome(this.plan, {
      started: this.start !== undefined,
      startFailure: this.startFailure,
      status: this.status,
      sent: this.kill?.sent ?? new Set(),
      localExit: this.localExit,
      sshMessage,
      stderrBeforeStart: lastWords(this.records?.preamble ?? ''),
    });
  }

  /** Emits the exit event (or the error in its place), then completes; once, and never after an unsubscribe. */
  private settle(outcome: RemoteOutcome): void {
    if (this.settled) return;
    this.settled = true;
    this.plan.cancelSignal?.removeEventListener('abort', this.onCancel);
    if (this.stopped) return;
    if ('error' in outcome) return this.subscriber.error(outcome.error);
    const local = this.localExit!;
    const { code, signal } = outcome;
    const exit: ExitEvent = { type: 'exit', code, signal, timedOut: this.timedOut, durationMs: local.durationMs, time: local.time };
    if (local.pipesHeldOpen !== undefined) exit.pipesHeldOpen = local.pipesHeldOpen;
    this.emit(exit);
    if (this.plan.reject && (code !== 0 || signal !== null || this.timedOut)) return this.subscriber.error(exitError(this.plan, code, signal, this.timedOut));
    this.subscriber.complete();
  }

  private emit(event: MuxEvent): void {
    if (!this.stopped) this.subscriber.next(event);
  }

  /** Unsubscribes the local ssh (killing it) when waiting for the command's end took too long. */
  private dropInner(): void {
    if (this.innerEnded) return;
    this.inner?.unsubscribe();
    void this.localEnded(new PipemuxError('stopped (unsubscribed)', this.context())).catch(() => {});
  }

  private release(): void {
    clearTimeout(this.drainTimer);
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
    this.kill?.dispose();
    this.lease?.release();
    if (this.logPath !== undefined) void unlink(this.logPath).catch(() => {});
  }

  /** A timer that never keeps this process alive (the exit handler ends the command if the process exits). */
  private later(ms: number, action: () => void): void {
    this.timers.push(setTimeout(action, ms).unref());
  }

  private context(): { command: string; cwd: string } {
    return { command: this.plan.command, cwd: this.plan.cwdLabel };
  }
}

/** The last lines of what ssh (or the login shell) said, short enough for a message. */
function lastWords(text: string): string {
  const trimmed = text.trim();
  return trimmed.length <= MAX_MESSAGE_CHARS ? trimmed : `…${trimmed.slice(-MAX_MESSAGE_CHARS)}`;
}
