import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readProcess } from '../process/tree/processTable.js';

/** The file in each FIFO dir that names the process that made it. */
export const OWNER_FILE = 'owner';

/** Who made a FIFO dir: its pid and start time (a later process with the same pid is someone else). */
export interface FifoDirOwner {
  pid: number;
  started: string;
}

let self: Promise<FifoDirOwner | undefined> | undefined;

/** This process as an owner (read once: /proc/self/stat field 22, or `ps`); undefined if it cannot be known. */
export function thisProcess(): Promise<FifoDirOwner | undefined> {
  self ??= readProcess(process.pid).then(
    (entry) => (entry === undefined ? undefined : { pid: entry.pid, started: entry.started }),
    () => undefined,
  );
  return self;
}

/** Records this process as the owner of `dir` (a fresh private dir), so that a later sweep can tell whether it is stale. */
export async function recordOwner(dir: string): Promise<void> {
  const owner = await thisProcess();
  if (owner === undefined) return;
  await writeFile(join(dir, OWNER_FILE), `${owner.pid} ${owner.started}\n`, { mode: 0o600, flag: 'wx' });
}

/** Parses an owner file; undefined when it is not one (a partial write, another format). */
export function parseOwner(text: string): FifoDirOwner | undefined {
  const match = /^(\d+) (.+)\n$/.exec(text);
  if (match === null) return undefined;
  const pid = Number(match[1]);
  return Number.isSafeInteger(pid) && pid > 0 ? { pid, started: match[2]! } : undefined;
}
