import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { constants } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';

/** Without /proc to ask, how long to watch the sentinel for a death by the signal. */
const WAIT_WITHOUT_PROC_MS = 300;

/** Tells whether a signal this process got was sent to its whole process group (the child got it too). */
export interface GroupSignalProbe {
  wasGroupSignal(signal: NodeJS.Signals): Promise<boolean>;
  stop(): void;
}

/**
 * Tells a signal sent to pipemux's whole process group (Ctrl-C at the terminal, which reaches
 * the child too, since it shares our group) from one sent to pipemux alone (`kill -INT <pid>`,
 * which must be passed on). Node does not say who sent a signal, so a sentinel does: a `cat`
 * in our group, reading a pipe from us (it ends when we end), that dies of INT, TERM and HUP
 * like any program. A group signal kills it; a signal for us alone leaves it alive.
 */
export class GroupSignalSentinel implements GroupSignalProbe {
  private sentinel: ChildProcess | undefined;
  private stopped = false;

  constructor(private readonly procRoot = '/proc') {
    this.respawn();
  }

  /** Whether `signal`, just received by this process, was sent to the whole group. */
  async wasGroupSignal(signal: NodeJS.Signals): Promise<boolean> {
    const sentinel = this.sentinel;
    if (sentinel?.pid === undefined) return false;
    // /proc says at once; without it, watch the sentinel die (or not) for a moment.
    const got = (await this.pendingOrDead(sentinel.pid, signal)) ?? (await this.diesOf(sentinel, signal, WAIT_WITHOUT_PROC_MS));
    if (got) this.respawn();
    return got;
  }

  /** Ends the sentinel (it would end by itself when our pipe to it closes). */
  stop(): void {
    this.stopped = true;
    this.sentinel?.kill('SIGKILL');
  }

  private respawn(): void {
    if (this.stopped) return;
    const sentinel = spawn('cat', [], { stdio: ['pipe', 'ignore', 'ignore'] });
    sentinel.on('error', () => {}); // no cat: every signal counts as ours alone, and is passed on
    sentinel.stdin?.on('error', () => {});
    // The sentinel must not keep this process alive.
    sentinel.unref();
    (sentinel.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    this.sentinel = sentinel;
  }

  /**
   * Linux: asks /proc whether the sentinel got `signal` (pending, or already dead). True or false
   * when /proc could tell; undefined when it could not (no /proc: macOS).
   */
  private async pendingOrDead(pid: number, signal: NodeJS.Signals): Promise<boolean | undefined> {
    try {
      const status = await readFile(`${this.procRoot}/${pid}/status`, 'utf8');
      const state = /^State:\s+(\S)/m.exec(status)?.[1];
      if (state === 'Z' || state === 'X') return true;
      const bit = 1n << BigInt(constants.signals[signal] - 1);
      const pendingMasks = [...status.matchAll(/^(?:SigPnd|ShdPnd):\s+([0-9a-f]+)$/gm)].map((match) => BigInt(`0x${match[1]}`));
      return pendingMasks.some((mask) => (mask & bit) !== 0n);
    } catch {
      return undefined;
    }
  }

  /** Whether the sentinel dies of `signal` within `waitMs` (or has already). */
  private async diesOf(sentinel: ChildProcess, signal: NodeJS.Signals, waitMs: number): Promise<boolean> {
    if (sentinel.exitCode === null && sentinel.signalCode === null) {
      const exited = once(sentinel, 'exit').then(() => true);
      const waited = delay(waitMs, false, { ref: false });
      await Promise.race([exited, waited]);
    }
    return sentinel.signalCode === signal;
  }
}
