import { close, open, read } from 'node:fs';

// Larger than any /proc/<pid>/stat (its command name is at most 64 bytes, its 52 numbers a few hundred).
const BUFFER_SIZE = 4096;

/**
 * Reads a small file (a /proc file) as text in three calls: open, one read, close. Procfs hands a
 * stat file over in one read, and fs/promises' readFile would cost a FileHandle and a fstat more.
 * Text beyond the first 4 KiB is left out.
 */
export function readSmallFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    open(path, 'r', (openError, fd) => {
      if (openError) return reject(openError);
      const buffer = Buffer.allocUnsafe(BUFFER_SIZE);
      read(fd, buffer, 0, BUFFER_SIZE, null, (readError, bytesRead) => {
        close(fd, () => (readError ? reject(readError) : resolve(buffer.toString('utf8', 0, bytesRead))));
      });
    });
  });
}
