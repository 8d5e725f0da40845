import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A Unix socket path holds about 104 bytes, and ssh adds 17 while it creates the socket.
const LONGEST_BASE = 60;

let made: Promise<string> | undefined;
let madePath: string | undefined;

/**
 * The private directory (0700, made on first use) that holds the control sockets of the shared
 * connections and ssh's log files: nobody else can reach a connection through it.
 */
export function controlDir(): Promise<string> {
  made ??= mkdtemp(join(tmpdir().length <= LONGEST_BASE ? tmpdir() : '/tmp', 'pmx-ssh-')).then((path) => (madePath = path));
  return made;
}

/** Removes the directory once no connection uses it (it is made again when one is needed). */
export async function removeControlDir(): Promise<void> {
  const path = madePath;
  made = undefined;
  madePath = undefined;
  if (path !== undefined) await rm(path, { recursive: true, force: true });
}

/** The same, when this process exits (an exit handler cannot wait). */
export function removeControlDirSync(): void {
  if (madePath !== undefined) rmSync(madePath, { recursive: true, force: true });
  made = undefined;
  madePath = undefined;
}
