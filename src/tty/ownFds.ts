import { constants, fstat } from 'node:fs';
import { open, readlink } from 'node:fs/promises';
import { isatty } from 'node:tty';
import { promisify } from 'node:util';
import type { FdReport, TtyReport } from '../types.js';
import { classifyFd } from './classifyFd.js';
import { parseProcStat } from './procStat.js';
import { readSmallFile } from './readSmallFile.js';

const fstatAsync = promisify(fstat);

/** Whether this process's own fds 0, 1 and 2 are terminals. */
export function parentIsatty(): TtyReport['parent'] {
  return { stdin: isatty(0), stdout: isatty(1), stderr: isatty(2) };
}

/**
 * What one of this process's own fds is: `fstat` (asynchronous, through libuv's thread pool) and,
 * where there is a /proc, the path it points to.
 */
export async function describeOwnFd(fd: number, procRoot: string): Promise<FdReport> {
  const [stats, link] = await Promise.allSettled([fstatAsync(fd), readlink(`${procRoot}/self/fd/${fd}`)]);
  if (stats.status === 'rejected') {
    return { kind: (stats.reason as NodeJS.ErrnoException).code === 'EBADF' ? 'closed' : 'unknown', isatty: false };
  }
  return classifyFd(link.status === 'fulfilled' ? link.value : undefined, stats.value, isatty(fd));
}

const ownControllingTerminal = new Map<string, Promise<boolean>>();

/**
 * Whether this process has a controlling terminal: `tty_nr` of /proc/self/stat, or where there is
 * no /proc whether `/dev/tty` opens (O_NOCTTY | O_NONBLOCK: opening it takes nothing and never waits).
 * Looked up once per process: a Node process cannot leave its session (there is no setsid()), and
 * children that exit at once (each one asks) would otherwise read it again and again.
 */
export function hasOwnControllingTerminal(procRoot: string): Promise<boolean> {
  let known = ownControllingTerminal.get(procRoot);
  if (known === undefined) {
    known = lookUpOwnControllingTerminal(procRoot);
    ownControllingTerminal.set(procRoot, known);
  }
  return known;
}

async function lookUpOwnControllingTerminal(procRoot: string): Promise<boolean> {
  try {
    const procStat = parseProcStat(await readSmallFile(`${procRoot}/self/stat`));
    if (procStat !== undefined) return procStat.ttyNr !== 0;
  } catch {
    // No /proc: ask the terminal itself.
  }
  try {
    const handle = await open('/dev/tty', constants.O_RDONLY | constants.O_NOCTTY | constants.O_NONBLOCK);
    await handle.close();
    return true;
  } catch {
    return false;
  }
}
