import { readFile, readdir, readlink } from 'node:fs/promises';
import { holdsWithin } from '../../helpers/deadline.js';

/** Pids of this process's children (any thread's), zombies included: Linux /proc/self/task/<tid>/children. */
export async function childPids(): Promise<number[]> {
  const tasks = await readdir('/proc/self/task');
  const lists = await Promise.all(tasks.map((tid) => readFile(`/proc/self/task/${tid}/children`, 'utf8').catch(() => '')));
  return lists
    .flatMap((list) => list.split(' '))
    .filter((pid) => pid.trim() !== '')
    .map(Number)
    .sort((a, b) => a - b);
}

/** This process's open fds and what each points to (`pipe:[123]`, a path, …). */
export async function openFds(): Promise<Map<number, string>> {
  const fds = await readdir('/proc/self/fd');
  const entries = await Promise.all(fds.map(async (fd) => [Number(fd), await readlink(`/proc/self/fd/${fd}`).catch(() => '(closed)')] as const));
  return new Map(entries);
}

/** What is left over, compared with a baseline taken before the cycles. */
export interface Leftovers {
  /** Open fds now minus open fds at the baseline. */
  fdsLeft: number;
  /** Children now that were not children at the baseline (a zombie counts: it is not reaped). */
  childrenLeft: number;
  /** The new fds' targets and the new children's pids, to say what leaked. */
  details: string[];
}

/** The fd and child counts before a run of cycles. */
export interface Baseline {
  fds: Map<number, string>;
  children: number[];
}

export async function takeBaseline(): Promise<Baseline> {
  return { fds: await openFds(), children: await childPids() };
}

/**
 * Waits (deadline loop, up to `deadlineMs`) until fds and children are back to the baseline, then
 * measures what is left. Closing a destroyed pipe's fd and reaping a killed child raise no event we
 * could wait on after an unsubscribe: this is a deadline for the assertion, not synchronisation.
 */
export async function leftoversAfterSettling(baseline: Baseline, deadlineMs = 15_000): Promise<Leftovers> {
  const measure = async (): Promise<Leftovers> => {
    // One after the other: reading /proc opens fds of its own.
    const fds = await openFds();
    const children = await childPids();
    const newChildren = children.filter((pid) => !baseline.children.includes(pid));
    const newFds = [...fds].filter(([fd, target]) => baseline.fds.get(fd) !== target);
    return {
      fdsLeft: fds.size - baseline.fds.size,
      childrenLeft: newChildren.length,
      details: [...newFds.map(([fd, target]) => `fd ${fd} -> ${target}`), ...newChildren.map((pid) => `child ${pid}`)],
    };
  };
  let last = await measure();
  await holdsWithin(async () => {
    last = await measure();
    return last.fdsLeft <= 0 && last.childrenLeft === 0;
  }, deadlineMs);
  return last;
}

/**
 * Whether `pid` no longer runs: no such process, or a zombie. A killed grandchild is reparented
 * and reaped by someone else (or, in a container whose init does not reap, stays a zombie), so
 * `kill(pid, 0)` alone would call a dead zombie alive.
 */
export async function isGone(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state === 'Z' || state === 'X';
  } catch {
    return true;
  }
}
