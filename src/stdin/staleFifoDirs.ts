import { lstat, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isRunning, readProcess } from '../process/tree/processTable.js';
import { OWNER_FILE, parseOwner, thisProcess } from './fifoDirOwner.js';

/** The prefix of every FIFO dir pipemux makes (mkdtemp adds six characters). */
export const FIFO_DIR_PREFIX = 'pipemux-';

/**
 * Removes the FIFO dirs in `parent` that a process killed with SIGKILL (no exit handler could
 * run) left behind: a `pipemux-*` directory of this user whose owner file names a process that no
 * longer runs (no such pid, a zombie, or another process with that pid). Never a live owner's dir,
 * never another user's, never one without a readable owner file (it may be being made right now,
 * or not be ours at all). Best effort: never rejects.
 */
export async function removeStaleFifoDirs(parent: string): Promise<string[]> {
  const removed: string[] = [];
  const uid = process.getuid?.();
  if (uid === undefined) return removed;
  const names = await readdir(parent).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((name) => name.startsWith(FIFO_DIR_PREFIX))
      .map(async (name) => {
        const dir = join(parent, name);
        if (await isStale(dir, uid)) {
          await rm(dir, { recursive: true, force: true });
          removed.push(dir);
        }
      })
      .map((sweep) => sweep.catch(() => {})),
  );
  return removed;
}

const sweepsInFlight = new Map<string, Promise<string[]>>();

/**
 * {@link removeStaleFifoDirs}, shared: runs that make their FIFOs while a sweep of `parent` is in
 * flight wait for that one instead of reading the same directory again (50 children started at once
 * would otherwise read each other's 50 dirs: 2,500 reads).
 */
export function sweepStaleFifoDirs(parent: string): Promise<string[]> {
  let sweep = sweepsInFlight.get(parent);
  if (sweep === undefined) {
    sweep = removeStaleFifoDirs(parent).finally(() => sweepsInFlight.delete(parent));
    sweepsInFlight.set(parent, sweep);
  }
  return sweep;
}

async function isStale(dir: string, uid: number): Promise<boolean> {
  const info = await lstat(dir);
  if (!info.isDirectory() || info.uid !== uid) return false;
  const owner = parseOwner(await readFile(join(dir, OWNER_FILE), 'utf8'));
  if (owner === undefined) return false;
  const self = await thisProcess();
  if (owner.pid === self?.pid) return false;
  return !isRunning(owner, await readProcess(owner.pid));
}
