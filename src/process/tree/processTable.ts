import { execFile, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';

/** A process as the tree logic sees it. `started` tells a process from a later one that got the same pid. */
export interface ProcessEntry {
  pid: number;
  ppid: number;
  /** Its start time: `/proc/<pid>/stat` field 22 (clock ticks since boot), or what `ps` says (`lstart`). */
  started: string;
  /** Exited but not yet reaped by its parent: it runs no more and holds nothing but its pid. */
  zombie: boolean;
}

/** pid → entry, for every process we may see. */
export type ProcessTable = Map<number, ProcessEntry>;

/**
 * Parses `/proc/<pid>/stat`. Field 2 (the command name, in parentheses) may itself hold spaces
 * and `)`, so the fields are counted from the last `)`: state is field 3, ppid 4, starttime 22.
 */
export function parseProcStatLine(text: string): ProcessEntry | undefined {
  const end = text.lastIndexOf(')');
  const pid = Number.parseInt(text, 10);
  if (end < 0 || !Number.isSafeInteger(pid)) return undefined;
  const fields = text
    .slice(end + 1)
    .trim()
    .split(/\s+/);
  const [state, ppid, started] = [fields[0], Number(fields[1]), fields[19]];
  if (state === undefined || !Number.isSafeInteger(ppid) || started === undefined || !/^\d+$/.test(started)) return undefined;
  return { pid, ppid, started, zombie: state === 'Z' || state === 'X' || state === 'x' };
}

/** Parses `ps -A -o pid=,ppid=,stat=,lstart=` (run with LC_ALL=C), one process a line. */
export function parsePsOutput(text: string): ProcessTable {
  const table: ProcessTable = new Map();
  for (const line of text.split('\n')) {
    const [pid, ppid, stat, ...lstart] = line.trim().split(/\s+/);
    const entry = { pid: Number(pid), ppid: Number(ppid), started: lstart.join(' '), zombie: stat?.startsWith('Z') === true };
    if (Number.isSafeInteger(entry.pid) && Number.isSafeInteger(entry.ppid) && entry.started !== '') table.set(entry.pid, entry);
  }
  return table;
}

const PS_ARGS = ['-A', '-o', 'pid=,ppid=,stat=,lstart='];
const PS_ENV = { LC_ALL: 'C' };
const hasProc = () => process.platform === 'linux';

/** Whether processes can be listed here (/proc or `ps`): not on Windows, where the tree logic stands aside. */
export const canListProcesses = (): boolean => process.platform !== 'win32';

/** Every process: from /proc on Linux (async reads, no child process), from `ps` elsewhere. */
export async function readProcessTable(): Promise<ProcessTable> {
  if (!canListProcesses()) return new Map();
  if (!hasProc()) return parsePsOutput(await runPs());
  const table: ProcessTable = new Map();
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
  // A process may exit between the listing and the read: it is simply not in the table.
  const entries = await Promise.all(pids.map((pid) => readFile(`/proc/${pid}/stat`, 'utf8').then(parseProcStatLine, () => undefined)));
  for (const entry of entries) if (entry !== undefined) table.set(entry.pid, entry);
  return table;
}

/** What `ps` prints (also when it fails: what it printed until then). */
function runPs(): Promise<string> {
  return new Promise((resolve) => {
    execFile('ps', PS_ARGS, { env: { ...process.env, ...PS_ENV }, maxBuffer: 64 * 1024 * 1024 }, (_error, stdout) => resolve(String(stdout ?? '')));
  });
}

/** One process, or undefined when there is none with that pid. */
export async function readProcess(pid: number): Promise<ProcessEntry | undefined> {
  if (!hasProc()) return (await readProcessTable()).get(pid);
  return readFile(`/proc/${pid}/stat`, 'utf8').then(parseProcStatLine, () => undefined);
}

/** {@link readProcessTable}, synchronously: only for an exit handler, which cannot wait. */
export function readProcessTableSync(): ProcessTable {
  if (!canListProcesses()) return new Map();
  if (!hasProc())
    return parsePsOutput(spawnSync('ps', PS_ARGS, { env: { ...process.env, ...PS_ENV }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).stdout ?? '');
  const table: ProcessTable = new Map();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    const entry = readProcessSyncFromProc(Number(pid));
    if (entry !== undefined) table.set(entry.pid, entry);
  }
  return table;
}

/** The entries of `pids` only (cheaper than the whole table on Linux), synchronously: only for an exit handler. */
export function readProcessesSync(pids: number[]): ProcessTable {
  if (!hasProc()) return readProcessTableSync();
  const table: ProcessTable = new Map();
  for (const pid of pids) {
    const entry = readProcessSyncFromProc(pid);
    if (entry !== undefined) table.set(pid, entry);
  }
  return table;
}

function readProcessSyncFromProc(pid: number): ProcessEntry | undefined {
  try {
    return parseProcStatLine(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Whether `member` still runs: same pid and start time, and not a zombie. */
export function isRunning(member: { pid: number; started: string }, entry: ProcessEntry | undefined): boolean {
  return entry !== undefined && entry.started === member.started && !entry.zombie;
}
