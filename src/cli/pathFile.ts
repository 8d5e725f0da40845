import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * A small file that tells scripts a path (`--fifo-path-file`), written so that no other user
 * can redirect it: a temporary file with an unpredictable name is created exclusively (O_EXCL:
 * never through a planted file or symlink) with mode 0600 beside the target, then renamed over
 * it, which replaces a planted symlink instead of following it. Removed on exit if still ours.
 */
export class PathFile {
  private published: { dev: number; ino: number } | undefined;

  private constructor(
    readonly path: string,
    private readonly temporary: string,
    private handle: FileHandle | undefined,
  ) {}

  /** Creates the temporary file now, before the command runs: a missing or unwritable directory fails here. */
  static async reserve(path: string): Promise<PathFile> {
    const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(8).toString('hex')}.tmp`);
    const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
    return new PathFile(path, temporary, await open(temporary, flags, 0o600));
  }

  /** Writes `text` and puts the file in place in one step (a reader never sees half of it). */
  async publish(text: string): Promise<void> {
    const handle = this.handle!;
    this.handle = undefined;
    try {
      await handle.writeFile(text);
    } finally {
      await handle.close();
    }
    await rename(this.temporary, this.path);
    const stats = await lstat(this.path);
    this.published = { dev: stats.dev, ino: stats.ino };
  }

  /** Removes what we made: the temporary file, or the published one if nobody replaced it since. */
  async remove(): Promise<void> {
    await this.handle?.close().catch(() => {});
    if (this.published === undefined) return unlink(this.temporary).catch(() => {});
    const stats = await lstat(this.path).catch(() => undefined);
    if (stats?.dev === this.published.dev && stats.ino === this.published.ino) await unlink(this.path).catch(() => {});
  }
}
