import { constants, open } from 'node:fs';
import { Socket } from 'node:net';
import { promisify } from 'node:util';

const openFd = promisify(open);
const { O_WRONLY, O_RDWR, O_NONBLOCK } = constants;

/**
 * Opens a writer end of an existing named pipe without waiting: a plain open() of a FIFO blocks
 * until a reader comes, parking a libuv threadpool thread that unsubscribing cannot free. Writes
 * then go through a socket on the fd (`readable: false`, or it would read the FIFO itself):
 * non-blocking, driven by libuv, with 'drain' for backpressure.
 * - `needsReader: true` (someone else's FIFO, a tee): O_WRONLY | O_NONBLOCK fails at once with
 *   ENXIO when no process is reading.
 * - `needsReader: false` (our own FIFO, whose reader is opened next): O_RDWR | O_NONBLOCK never
 *   waits and never fails for want of a reader (Linux and macOS), and holding it means another
 *   writer closing does not give the reader EOF.
 */
export async function openFifoWriter(path: string, { needsReader }: { needsReader: boolean }): Promise<Socket> {
  const fd = await openFd(path, (needsReader ? O_WRONLY : O_RDWR) | O_NONBLOCK);
  return new Socket({ fd, readable: false, writable: true });
}
