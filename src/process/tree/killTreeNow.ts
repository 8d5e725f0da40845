import { readProcessTable } from './processTable.js';
import { descendantsOf } from './processTree.js';
import { sendSignal } from './sendSignal.js';

/**
 * SIGKILL for `rootPid` and every descendant, at once (a second Ctrl-C: no more waiting). The
 * descendants are frozen first (SIGSTOP), so none can fork while the tree is read, then all get
 * SIGKILL, the root last: while it runs its descendants still point to it.
 */
export async function killTreeNow(rootPid: number): Promise<void> {
  const table = await readProcessTable().catch(() => undefined);
  const descendants = table === undefined ? [] : descendantsOf(table, [rootPid]);
  for (const { pid } of descendants) sendSignal(pid, 'SIGSTOP');
  const late = table === undefined ? [] : descendantsOf(await readProcessTable().catch(() => table), [rootPid, ...descendants.map((entry) => entry.pid)]);
  for (const { pid } of [...descendants, ...late]) sendSignal(pid, 'SIGKILL');
  sendSignal(rootPid, 'SIGKILL');
}
