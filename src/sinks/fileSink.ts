import { once } from 'node:events';
import { constants } from 'node:fs';
import { open, stat, unlink, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { whenDrained } from '../streams/whenDrained.js';
import { openFifoWriter } from '../streams/fifoWriter.js';
import type { Sink, SinkErrorHandler } from './sink.js';
import type { FileSinkSpec } from '../types.js';

// Larger than fs's 16 KiB default: fewer pauses of the child's pipe for the same bounded memory.
const FILE_HIGH_WATER_MARK = 1024 * 1024;
const { O_WRONLY, O_CREAT, O_EXCL, O_APPEND } = constants;

/**
 * A file that pipemux opens itself (never a caller's fd), writes through libuv, and closes. Opening
 * changes nothing in the file: it is truncated by {@link begin}, once every sink of the run opened.
 */
export class FileSink implements Sink {
  readonly label: string;
  private handle: FileHandle | undefined;
  private stream: Writable | undefined;
  private isFifo = false;
  /** `device:inode` of the regular file opened; undefined for anything else (a FIFO, a device). */
  private regularFile: string | undefined;
  /** The file did not exist: opening made it (removed again if the run never starts). */
  private created = false;
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
    const { mode } = this.spec;
    this.isFifo = (await stat(this.label).catch(() => undefined))?.isFIFO() === true;
    if (this.isFifo) {
      this.stream = this.reportErrors(await openFifoWriter(this.label, { needsReader: true }));
    } else {
      this.handle = await this.openWithoutTruncating();
      // open() only applies `mode` to a new file, masked by the umask; the caller asked for exactly these bits.
      if (mode !== undefined) await this.handle.chmod(mode);
      const stats = await this.handle.stat();
      this.regularFile = stats.isFile() ? `${stats.dev}:${stats.ino}` : undefined;
    }
  }

  /** `device:inode` of the regular file opened (after {@link open}); undefined for anything else (a FIFO, a device). */
  fileIdentity(): string | undefined {
    return this.regularFile;
  }

  async begin(): Promise<void> {
    if (this.handle !== undefined) {
      // Only a regular file can be truncated (O_TRUNC is ignored on a device such as /dev/null, ftruncate fails).
      if (this.spec.append !== true && this.regularFile !== undefined) await this.handle.truncate(0);
      this.stream = this.reportErrors(this.handle.createWriteStream({ highWaterMark: FILE_HIGH_WATER_MARK }));
    }
  }

  async abandon(): Promise<void> {
    await this.close();
    if (this.created) await unlink(this.label).catch(() => {});
  }

  write(chunk: Buffer): boolean {
    if (this.failed || this.stream === undefined) return true;
    return this.stream.write(chunk);
  }

  async drained(): Promise<void> {
    const { stream } = this;
    if (stream === undefined || this.failed) return;
    await whenDrained(stream);
  }

  finish(): Promise<void> {
    this.closing ??= this.endAndClose();
    return this.closing;
  }

  close(): Promise<void> {
    // A named pipe's reader may hold it open without reading: flushing could wait forever, so close at once.
    if (this.isFifo) this.stream?.destroy();
    return this.finish();
  }

  private reportErrors(stream: Writable): Writable {
    stream.on('error', (error) => {
      this.failed = true;
      this.onError(this, error);
    });
    return stream;
  }

  /** Opens for writing without O_TRUNC; O_EXCL tells whether the file was made here. */
  private async openWithoutTruncating(): Promise<FileHandle> {
    const flags = O_WRONLY | (this.spec.append === true ? O_APPEND : 0);
    const mode = this.spec.mode ?? 0o666;
    try {
      const handle = await open(this.label, flags | O_CREAT | O_EXCL, mode);
      this.created = true;
      return handle;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      return open(this.label, flags | O_CREAT, mode);
    }
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
