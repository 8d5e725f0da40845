import { execFile } from 'node:child_process';
import { close, constants, open } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SCRATCH_PREFIX } from './scratch.js';

const openFd = promisify(open);

/**
 * A FIFO made by hand, for the raw floor of FIFO input: our writer (O_RDWR, so opening never
 * blocks) as a non-blocking Socket, and the reader fd to give a child as its stdin.
 */
export async function openRawFifo() {
  const dir = await mkdtemp(join(tmpdir(), SCRATCH_PREFIX));
  const path = join(dir, 'stdin');
  await promisify(execFile)('mkfifo', ['-m', '600', path]);
  const writerFd = await openFd(path, constants.O_RDWR | constants.O_NONBLOCK);
  const readerFd = await openFd(path, constants.O_RDONLY);
  return {
    writer: new Socket({ fd: writerFd, readable: false, writable: true }),
    readerFd,
    closeReader: () => close(readerFd, () => {}),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
