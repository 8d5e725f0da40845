import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { FIFO_DIR_PREFIX } from './staleFifoDirs.js';

/** Makes a fresh directory under `parent` that only we can enter (mkdtemp creates it 0700). */
export function makePrivateDir(parent: string): Promise<string> {
  return mkdtemp(join(parent, FIFO_DIR_PREFIX));
}

/**
 * Makes a named pipe with mode 0600 through the system's `mkfifo` (Node has no mkfifo call).
 * Rejects with execa's error, whose message carries mkfifo's stderr.
 */
export async function makeFifo(path: string): Promise<void> {
  await execa('mkfifo', ['-m', '600', path], { stdin: 'ignore' });
}
