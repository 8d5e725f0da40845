import { readlink, stat } from 'node:fs';
import { promisify } from 'node:util';
import type { FdReport, TtyReport } from '../types.js';
import { classifyFd } from './classifyFd.js';
import { isExiting, parseProcStat } from './procStat.js';
import { readSmallFile } from './readSmallFile.js';

// The callback API with one promise per call: fs/promises costs more per call (readFile alone is four round trips).
const readlinkAsync = promisify(readlink);
const statAsync = promisify(stat);
// What these links say is all there is to know (an anonymous pipe or socket, the null device): no stat() needed.
const SELF_EXPLAINING_LINK = /^(pipe:\[\d+\]|socket:\[\d+\]|\/dev\/null)$/;

/** The part of a tty report that is about the child itself. */
export type ChildStdioReport = Pick<TtyReport, 'stdin' | 'stdout' | 'stderr' | 'controllingTerminal'>;

/**
 * Reads what a running process has on fds 0-2 from `<procRoot>/<pid>/fd/N` (readlink and stat,
 * which never open the file, so a FIFO cannot block) and whether it has a controlling terminal.
 * The fds are read first and the state after: if the process is not exiting then, it was not while
 * its fds were read, so a missing fd really is closed (a dying process loses all its fds at once).
 * @returns undefined when the process is gone or has exited, or /proc cannot be read (no /proc, no permission).
 */
export async function readProcStdio(pid: number, procRoot: string): Promise<ChildStdioReport | undefined> {
  const fdPath = (fd: number) => `${procRoot}/${pid}/fd/${fd}`;
  try {
    const [stdin, stdout, stderr] = await Promise.all([readProcFd(fdPath(0)), readProcFd(fdPath(1)), readProcFd(fdPath(2))]);
    const procStat = parseProcStat(await readSmallFile(`${procRoot}/${pid}/stat`));
    if (procStat === undefined || isExiting(procStat)) return undefined;
    return { stdin, stdout, stderr, controllingTerminal: procStat.ttyNr !== 0 };
  } catch {
    return undefined;
  }
}

/** One fd of the process; rejects when /proc refuses to tell (EACCES for a setuid child). */
async function readProcFd(path: string): Promise<FdReport> {
  let link: string;
  try {
    link = await readlinkAsync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'closed', isatty: false };
    throw error;
  }
  if (SELF_EXPLAINING_LINK.test(link)) return classifyFd(link, undefined);
  return classifyFd(link, await statAsync(path).catch(() => undefined));
}
