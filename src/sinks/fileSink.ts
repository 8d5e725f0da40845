import { once } from 'node:events';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { openFifoWriter } from './fifoWriter.js';
import type { Sink, SinkErrorHandler } from './sink.js';
import type { FileSinkSpec } from '../types.js';

// Larger than fs's 16 KiB default: fewer pauses of the child's pipe for the same bounded memory.
const FILE_HIGH_WATER_MARK = 1024 * 1024;

/** A file that pipemux opens itself (never a caller's fd), writes through libuv, and closes. */
export class FileSink implements Sink {
  readonly label: string;
  private handle: FileHandle | undefined;
  private stream: Writable | undefined;
  private failed = false;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly spec: FileSinkSpec,
    private readonly onError: SinkErrorHandler,
  ) {
    // Relative paths are the parent's: resolved against its working directory, not the child's cwd.
    this.label = resolve(spec.path);
  }

  async open(): Promise<void> {
    const { append = false, mode } = this.spec;
    const isFifo = (await stat(this.label).catch(() => undefined))?.isFIFO() === true;
    if (isFifo) {
      this.stream = await openFifoWriter(this.label);
    } else {
      this.handle = await open(this.label, append ? 'a' : 'w', mode ?? 0o666);
      // open() only applies `mode` to a new file, masked by the umask; the caller asked for exactly these bits.
      if (mode !== undefined) await this.handle.chmod(mode);
      this.stream = this.handle.createWriteStream({ highWaterMark: FILE_HIGH_WATER_MARK });
    }
    this.stream.on('error', (error) => {
      this.failed = true;
      this.onError(this, error);
    });
  }

  write(chunk: Buffer): boolean {
    if (this.failed || this.stream === undefined) return true;
    return this.stream.write(chunk);
  }

  async drained(): Promise<void> {
    const { stream } = this;
    if (stream === undefined || this.failed || !stream.writableNeedDrain) return;
    await once(stream, 'drain').catch(() => {});
  }

  finish(): Promise<void> {
    return this.close();
  }

  close(): Promise<void> {
    this.closing ??= this.endAndClose();
    return this.closing;
  }

  private async endAndClose(): Promise<void> {
    const { stream, handle } = this;
    if (stream === undefined) {
      await handle?.close();
      return;
    }
    if (!stream.closed) {
      const closed = once(stream, 'close').catch(() => {});
      // end() flushes what was accepted; the stream closes its FileHandle (autoClose) afterwards.
      if (!stream.destroyed) stream.end();
      await closed;
    }
  }
}
