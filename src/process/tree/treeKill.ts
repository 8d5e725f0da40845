import { isRunning, readProcessTable, type ProcessTable } from './processTable.js';
import { descendantsOf } from './processTree.js';
import { reapOnExit } from './exitReaper.js';
import { sendSignal } from './sendSignal.js';

/** A process we signal: pid and start time, so that a pid the system gave to a newer process is never signalled. */
export interface Member {
  pid: number;
  started: string;
}

/** How a tree is ended: the run's `killSignal` and `forceKillAfterDelay`. */
export interface TreeKillOptions {
  killSignal: NodeJS.Signals | number;
  /** Ms from `killSignal` to SIGKILL for members still running; false: never. */
  forceKillAfterDelay: number | false;
}

// Forks that happen while the tree is read and signalled are looked for this many times more.
const EXTRA_ROUNDS = 3;

/**
 * `killTree: true`: ends the child and its descendants. The tree is read (from /proc, or `ps`)
 * while the child still runs, since an orphan no longer points to it; then `killRoot` ends the
 * child (execa: `killSignal`, and its own SIGKILL later) and every descendant gets `killSignal`
 * and SIGCONT (a stopped process could not handle it). After `forceKillAfterDelay` the members
 * still running, and what they forked meanwhile, are frozen with SIGSTOP (so they can fork no
 * more while the tree is read again) and get SIGKILL. The processes stay in the process group
 * they were in: a new group would keep a child that reads /dev/tty out of the terminal's
 * foreground group (SIGTTIN). Until it is done, the members are also ended if this process exits.
 */
export class TreeKill {
  private readonly members = new Map<number, Member>();
  private timer: NodeJS.Timeout | undefined;
  private wakeTimer: (() => void) | undefined;
  private recheckWanted = false;
  private stopReaping: (() => void) | undefined;

  constructor(
    rootPid: number,
    killRoot: () => void,
    private readonly options: TreeKillOptions,
  ) {
    // Never rejects: a failed read of the table leaves the members to the exit handler and their own end.
    void this.run(rootPid, killRoot)
      .catch(() => {})
      .finally(() => this.stopReaping?.());
  }

  /** The child has exited: if no member runs any more, SIGKILL is not needed and the wait for it ends now. */
  async recheck(): Promise<void> {
    this.recheckWanted = true;
    // Before the wait began, run() looks itself.
    if (this.wakeTimer !== undefined && !(await this.anyRunning())) this.wakeTimer();
  }

  private async run(rootPid: number, killRoot: () => void): Promise<void> {
    let table = await readProcessTable().catch(() => undefined);
    const root = table?.get(rootPid);
    killRoot();
    if (table === undefined || root === undefined || root.zombie) return;
    this.members.set(rootPid, { pid: rootPid, started: root.started });
    this.stopReaping = reapOnExit({ members: () => [...this.members.values()], tree: true, ...this.options });
    this.signal(this.adopt(table), this.options.killSignal);
    for (let round = 0; round < EXTRA_ROUNDS; round++) {
      const forked = this.adopt(await readProcessTable());
      if (forked.length === 0) break;
      this.signal(forked, this.options.killSignal);
    }
    const { forceKillAfterDelay } = this.options;
    if (forceKillAfterDelay === false) return;
    if (this.recheckWanted && !(await this.anyRunning())) return;
    if (!(await this.delay(forceKillAfterDelay))) return;
    table = await readProcessTable();
    const running = [...this.members.values()].filter((member) => isRunning(member, table.get(member.pid)));
    await this.killFrozen(running, table);
  }

  private async anyRunning(): Promise<boolean> {
    const table = await readProcessTable();
    return [...this.members.values()].some((member) => isRunning(member, table.get(member.pid)));
  }

  /** Adds the running descendants of the members to them; returns the new ones. */
  private adopt(table: ProcessTable): Member[] {
    const alive = [...this.members.values()].filter((member) => isRunning(member, table.get(member.pid))).map((member) => member.pid);
    const fresh = descendantsOf(table, alive).filter((entry) => !this.members.has(entry.pid));
    for (const entry of fresh) this.members.set(entry.pid, { pid: entry.pid, started: entry.started });
    return fresh;
  }

  private signal(members: Member[], signal: NodeJS.Signals | number): void {
    for (const member of members) sendSignal(member.pid, signal);
    for (const member of members) sendSignal(member.pid, 'SIGCONT');
  }

  /** SIGSTOP the running members and what they forked (until no new one turns up), then SIGKILL them all. */
  private async killFrozen(running: Member[], table: ProcessTable): Promise<void> {
    const frozen = new Map(running.map((member) => [member.pid, member]));
    for (const member of frozen.values()) sendSignal(member.pid, 'SIGSTOP');
    for (let round = 0; round < EXTRA_ROUNDS + 1 && frozen.size > 0; round++) {
      table = await readProcessTable();
      const forked = descendantsOf(table, frozen.keys()).filter((entry) => !frozen.has(entry.pid));
      if (forked.length === 0) break;
      for (const entry of forked) {
        frozen.set(entry.pid, { pid: entry.pid, started: entry.started });
        sendSignal(entry.pid, 'SIGSTOP');
      }
    }
    for (const member of frozen.values()) sendSignal(member.pid, 'SIGKILL');
  }

  /** Resolves true after `ms`, or false when {@link recheck} found nothing left to kill. */
  private delay(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      // Unref'd: a program with nothing else to do may exit; its exit handler then ends the members (exitReaper.ts).
      this.timer = setTimeout(() => resolve(true), ms).unref();
      this.wakeTimer = () => {
        clearTimeout(this.timer);
        resolve(false);
      };
    });
  }
}
