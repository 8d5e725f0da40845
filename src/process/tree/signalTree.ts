import { readProcessTable } from './processTable.js';
import { descendantsOf } from './processTree.js';
import { sendSignal } from './sendSignal.js';

/**
 * Sends `signal` to `rootPid` and each of its descendants once, as a terminal's Ctrl-C reaches every
 * process of its group: a shell running `a; b` dies of SIGTERM without passing it on to `a`.
 * Without a process table (Windows) only the root gets it.
 */
export async function signalTree(rootPid: number, signal: NodeJS.Signals): Promise<void> {
  const table = await readProcessTable().catch(() => undefined);
  const descendants = table === undefined ? [] : descendantsOf(table, [rootPid]);
  // The root last: while it runs, its descendants still point to it.
  for (const { pid } of descendants.reverse()) sendSignal(pid, signal);
  sendSignal(rootPid, signal);
}
