import { close, constants, open } from 'node:fs';
import type { Socket } from 'node:net';
import { promisify } from 'node:util';
import { openFifoWriter } from '../streams/fifoWriter.js';

const openFd = promisify(open);
const closeFd = promisify(close);

/**
 * Our two ends of a FIFO. The writer is opened O_RDWR first: on Linux (and macOS) that never
 * waits for a reader, so no threadpool thread is parked (a plain O_WRONLY open would wait). The
 * reader is opened next without O_NONBLOCK (the child must get ordinary blocking reads); it does
 * not wait because our writer exists. Holding the writer also means an external writer closing
 * does not give the child EOF.
 */
export class FifoEnds {
  private readonly writerClosed: Promise<void>;
  private readerClosed: Promise<void> | undefined;

  private constructor(
    /** Our writer: non-blocking writes driven by libuv, with 'drain'. Never read from. */
    readonly writer: Socket,
    /** The fd the child gets as its stdin. Ours to close once the child has its copy. */
    readonly readerFd: number,
  ) {
    this.writerClosed = new Promise((resolve) => writer.once('close', () => resolve()));
    // The feeder reports write errors; without a feeder nothing is written.
    writer.on('error', () => {});
  }

  /** Opens both ends; rejects with the system error (and closes what it opened). */
  static async open(path: string): Promise<FifoEnds> {
    const writer = await openFifoWriter(path, { needsReader: false });
    try {
      return new FifoEnds(writer, await openFd(path, constants.O_RDONLY));
    } catch (error) {
      writer.destroy();
      throw error;
    }
  }

  /** Closes our copy of the reader fd (the child keeps its own). */
  closeReader(): Promise<void> {
    this.readerClosed ??= closeFd(this.readerFd).catch(() => {});
    return this.readerClosed;
  }

  /** Closes both ends; resolves once their fds are closed. */
  async close(): Promise<void> {
    this.writer.destroy();
    await Promise.all([this.writerClosed, this.closeReader()]);
  }
}
