import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { recordOwner } from '../stdin/fifoDirOwner.js';
import { makePrivateDir } from '../stdin/privateFifo.js';
import { removeStaleFifoDirs } from '../stdin/staleFifoDirs.js';
import { SSH_VARIABLE } from './sshArgs.js';

// A Unix socket path holds about 104 bytes, and ssh adds 17 while it creates the socket.
const LONGEST_BASE = 60;

let made: Promise<string> | undefined;
let madePath: string | undefined;
let swept = false;

/**
 * The private directory (0700, made on first use) that holds the control sockets of the shared
 * connections and ssh's log files: nobody else can reach a connection through it. It is one of
 * pipemux's private dirs (`pipemux-*` with an owner file), so one that a killed process left behind
 * is swept like a stale FIFO dir (once per process, when the first is made).
 */
export function controlDir(): Promise<string> {
  made ??= makeControlDir().then((path) => (madePath = path));
  return made;
}

async function makeControlDir(): Promise<string> {
  const base = usableBase(tmpdir()) ? tmpdir() : '/tmp';
  if (!swept) {
    swept = true;
    await removeStaleFifoDirs(base);
  }
  const dir = await makePrivateDir(base);
  await recordOwner(dir).catch(() => {});
  return dir;
}

/**
 * Whether ssh can be given a control socket under `base`: short enough for a socket path, absolute
 * (ssh would read a leading `~` as a home directory), and without `${`, which ssh would expand as
 * an environment variable (a `%` is escaped: sshArgs.ts).
 */
function usableBase(base: string): boolean {
  return base.length <= LONGEST_BASE && base.startsWith('/') && !base.includes(SSH_VARIABLE);
}

/** Removes the directory once no connection uses it (it is made again when one is needed). */
export async function removeControlDir(): Promise<void> {
  const path = madePath;
  made = undefined;
  madePath = undefined;
  if (path !== undefined) await rm(path, { recursive: true, force: true });
}

/** The same, when this process exits. */
export function removeControlDirSync(): void {
  if (madePath !== undefined) rmSync(madePath, { recursive: true, force: true });
  made = undefined;
  madePath = undefined;
}
