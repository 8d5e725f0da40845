import type { SpawnInspector, StdioConfig } from '../process/ports.js';
import type { TtyReport } from '../types.js';
import { parentIsatty } from './ownFds.js';
import { readProcStdio } from './readProcStdio.js';
import { reportStdioConfig } from './stdioConfigReport.js';

/** Collaborators of the tty inspector, replaceable in tests. */
export interface TtyInspectorOptions {
  /** Where procfs is mounted. Default `'/proc'`; a missing directory behaves like a system without /proc. */
  procRoot?: string;
}

/** The spawn inspector that puts a {@link TtyReport} into every spawn event. */
export function createTtyInspector(options: TtyInspectorOptions = {}): SpawnInspector {
  const procRoot = options.procRoot ?? '/proc';
  return async (pid, stdio) => ({ tty: await inspectTty(pid, stdio, procRoot) });
}

/**
 * Reports what the child `pid` has on fds 0-2: read from /proc while it runs (`source: 'proc'`), else
 * derived from how it was spawned (`source: 'config'`). Only reads files; never waits on the child; never rejects.
 */
export async function inspectTty(pid: number, stdio: StdioConfig, procRoot = '/proc'): Promise<TtyReport> {
  const parent = parentIsatty();
  const seen = await readProcStdio(pid, procRoot);
  if (seen !== undefined) return { ...seen, parent, source: 'proc' };
  return { ...(await reportStdioConfig(stdio, procRoot)), parent, source: 'config' };
}
