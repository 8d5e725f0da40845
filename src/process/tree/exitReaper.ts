import { onExit } from 'signal-exit';
import { canListProcesses, readProcessesSync, readProcessTableSync, type ProcessTable } from './processTable.js';
import { descendantsOf } from './processTree.js';
import { sendSignal } from './sendSignal.js';

/** The longest this process waits, when it exits, for children to end on `killSignal` before it sends SIGKILL. */
export const EXIT_KILL_WAIT_MS = 1000;
// The wait is a synchronous loop (an exit handler cannot wait on events): it looks this often.
const EXIT_POLL_MS = 10;

/** A process to end when this process exits. Without `started` it is our own child (its parent is us). */
export interface ExitMember {
  pid: number;
  started?: string;
}

/** What to end when this process exits, and how: the run's `killSignal` and `forceKillAfterDelay`. */
export interface ExitReapTarget {
  /** The processes, asked for when this process exits. */
  members: () => ExitMember[];
  /** Their descendants too (`killTree: true`). */
  tree: boolean;
  killSignal: NodeJS.Signals | number;
  forceKillAfterDelay: number | false;
}

const targets = new Set<ExitReapTarget>();
let removeExitHandler: (() => void) | undefined;

/**
 * Ends `target`'s processes if this process exits first (SIGINT, SIGTERM, SIGHUP, `process.exit`,
 * an uncaught exception): each gets `killSignal`, then those still running after a short wait
 * (`forceKillAfterDelay`, at most {@link EXIT_KILL_WAIT_MS}) get SIGKILL. The exit handler is
 * synchronous, so it waits in a bounded loop that ends as soon as every one has exited: a child
 * that ends on `killSignal` costs the exit a few ms. Returns the function that unregisters the target.
 */
export function reapOnExit(target: ExitReapTarget): () => void {
  targets.add(target);
  removeExitHandler ??= onExit(() => reapAll());
  return () => {
    targets.delete(target);
    if (targets.size > 0) return;
    removeExitHandler?.();
    removeExitHandler = undefined;
  };
}

interface Doomed {
  pid: number;
  started: string;
  forceKillAfterDelay: number | false;
}

function reapAll(): void {
  const wanted = [...targets];
  targets.clear();
  if (!canListProcesses()) {
    // No process table to check identities or wait on (Windows): our children get the signal, as execa's cleanup did.
    for (const target of wanted) for (const { pid, started } of target.members()) if (started === undefined) sendSignal(pid, target.killSignal);
    return;
  }
  let table = readProcessTableSync();
  const doomed = new Map<number, Doomed>();
  for (const target of wanted) {
    const roots = target.members().filter((member) => isSame(member, table));
    const found = target.tree
      ? descendantsOf(
          table,
          roots.map((member) => member.pid),
        )
      : [];
    for (const { pid } of [...roots, ...found]) {
      if (doomed.has(pid)) continue;
      doomed.set(pid, { pid, started: table.get(pid)!.started, forceKillAfterDelay: target.forceKillAfterDelay });
      sendSignal(pid, target.killSignal);
      sendSignal(pid, 'SIGCONT');
    }
  }
  const delays = [...doomed.values()].flatMap((entry) => (entry.forceKillAfterDelay === false ? [] : [entry.forceKillAfterDelay]));
  if (delays.length === 0) return;
  const deadline = performance.now() + Math.min(EXIT_KILL_WAIT_MS, Math.max(...delays));
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  let running = [...doomed.values()].filter((entry) => entry.forceKillAfterDelay !== false);
  while (running.length > 0 && performance.now() < deadline) {
    Atomics.wait(sleeper, 0, 0, EXIT_POLL_MS);
    const now = readProcessesSync(running.map((entry) => entry.pid));
    running = running.filter((entry) => isSame(entry, now));
  }
  if (running.length === 0) return;
  // Freeze them first: a stopped process cannot fork a child that the SIGKILL would miss.
  for (const { pid } of running) sendSignal(pid, 'SIGSTOP');
  table = readProcessTableSync();
  const forked = descendantsOf(
    table,
    running.map((entry) => entry.pid),
  );
  for (const { pid } of [...running, ...forked]) sendSignal(pid, 'SIGKILL');
}

/** Whether the process is still the one meant, and running: same start time (or, for our child, still ours), not a zombie. */
function isSame(member: ExitMember, table: ProcessTable): boolean {
  const entry = table.get(member.pid);
  if (entry === undefined || entry.zombie) return false;
  return member.started === undefined ? entry.ppid === process.pid : entry.started === member.started;
}
