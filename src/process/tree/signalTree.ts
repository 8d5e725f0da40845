import { readProcessTable } from './processTable.js';
import { descendantsOf } from './processTree.js';
import { sendSignal } from './sendSignal.js';

/**
 * Sends `signal` to `rootPid` and each of its descendants once, as a terminal's Ctrl-C reaches every
 * process of its group: a shell running `a; b` dies of SIGTERM without passing it on to `a`. They
 * are frozen (SIGSTOP) while it is sent, so that all get it together: a shell whose child died
 * first would otherwise run its next command before its own signal lands. Without a process table
 * (Windows) only the root gets it.
 */
export async function signalTree(rootPid: number, signal: NodeJS.Signals): Promise<void> {
  const table = await readProcessTable().catch(() => undefined);
  if (table === undefined) return sendSignal(rootPid, signal);
  const pids = [rootPid, ...descendantsOf(table, [rootPid]).map((entry) => entry.pid)];
  for (const pid of pids) sendSignal(pid, 'SIGSTOP');
  for (const pid of pids) sendSignal(pid, signal);
  for (const pid of pids) sendSignal(pid, 'SIGCONT');
}
