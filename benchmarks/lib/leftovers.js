import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where subjects put temporary files: tmpfs when there is one, and the system's temp dir. */
export const SCRATCH_DIRS = [...(existsSync('/dev/shm') ? ['/dev/shm'] : []), tmpdir()];

/** The start of the name of every file or directory the subject process `pid` makes (`subjects/lib/scratch.js`). */
export const scratchPrefixOf = (pid) => `pipemux-bench-${pid}-`;

/**
 * Removes what the subject process `pid` left in the scratch dirs (it failed, or was killed before
 * its teardown), so that the next subject finds the same free tmpfs and the same directories.
 * Only that process's names: another benchmark run on a shared machine keeps its files.
 */
export async function removeLeftovers(pid) {
  if (pid === undefined) return;
  const prefix = scratchPrefixOf(pid);
  for (const dir of SCRATCH_DIRS) {
    const names = await readdir(dir).catch(() => []);
    await Promise.all(names.filter((name) => name.startsWith(prefix)).map((name) => rm(join(dir, name), { recursive: true, force: true }).catch(() => {})));
  }
}
