import { constants, open } from 'node:fs';
import { Socket } from 'node:net';
import { promisify } from 'node:util';

const openFd = promisify(open);
const { O_WRONLY, O_NONBLOCK } = constants;

/**
 * Opens an existing named pipe for writing without waiting: a plain open() of a FIFO blocks until
 * a reader comes, parking a libuv threadpool thread that unsubscribing cannot free. With
 * O_NONBLOCK it fails at once with ENXIO when no process is reading. Writes then go through a
 * socket on the fd: non-blocking, driven by libuv, with 'drain' for backpressure.
 */
export async function openFifoWriter(path: string): Promise<Socket> {
  const fd = await openFd(path, O_WRONLY | O_NONBLOCK);
  return new Socket({ fd, readable: false, writable: true });
}
