import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { FifoError, FifoUnsupportedError } from '../errors.js';
import type { FailRun, InputSource } from '../process/ports.js';
import type { FifoStdin } from '../types.js';
import { failRunOnFeedError, type RunContext } from './feedFailures.js';
import { FifoEnds } from './fifoEnds.js';
import { InputFeeder, type Echo } from './inputFeeder.js';
import { makeFifo, makePrivateDir } from './privateFifo.js';
import { recordOwner } from './fifoDirOwner.js';
import { removeOnExit } from './removeOnExit.js';
import { sweepStaleFifoDirs } from './staleFifoDirs.js';
import { classifySource } from './stdinSource.js';

/**
 * `stdin: { fifo: true }`: a named pipe in a fresh private dir is the child's stdin. Anyone may
 * write into it; we hold a writer until `source` completes (or, without one, until the run ends).
 * The FIFO and its dir are removed by {@link dispose}, or by an exit handler if the parent dies first.
 */
export class FifoInput implements InputSource {
  spawnStdin: number | 'ignore' = 'ignore';
  fifoPath: string | undefined;
  private dir: string | undefined;
  private ends: FifoEnds | undefined;
  private readonly feeder: InputFeeder | undefined;
  private unregisterExitHandler: (() => void) | undefined;
  private disposed: Promise<void> | undefined;

  /** Made when the timeline is subscribed: an Observable source is subscribed here. */
  constructor(
    private readonly options: FifoStdin,
    private readonly context: RunContext,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {
    if (options.source !== undefined) this.feeder = new InputFeeder(classifySource(options.source)!);
  }

  async prepare(fail: FailRun): Promise<void> {
    const { command, cwd } = this.context;
    this.feeder?.reportTo(failRunOnFeedError(fail, this.context));
    if (this.platform === 'win32') {
      throw new FifoUnsupportedError(`stdin: { fifo: true } needs named pipes, which ${this.platform} does not have`, { command, cwd });
    }
    const parent = this.options.dir ?? tmpdir();
    // Dirs left by a parent killed with SIGKILL are removed while ours is made.
    const sweep = sweepStaleFifoDirs(parent);
    this.dir = await this.step(parent, 'could not make a private directory in', () => makePrivateDir(parent));
    this.unregisterExitHandler = removeOnExit(this.dir);
    const { dir } = this;
    await this.step(dir, 'could not record the owner of', () => recordOwner(dir));
    const path = join(dir, 'stdin');
    await this.step(path, 'could not make the FIFO', () => makeFifo(path));
    this.ends = await this.step(path, 'could not open the FIFO', () => FifoEnds.open(path));
    await sweep;
    this.spawnStdin = this.ends.readerFd;
    this.fifoPath = path;
  }

  start(_childStdin: Writable | null, echo: Echo): void {
    // The child has its own copy of the reader now; ours would keep the FIFO readable after it exits.
    void this.ends?.closeReader();
    if (this.ends !== undefined) this.feeder?.attach(this.ends.writer, echo);
  }

  childExited(): void {
    this.feeder?.stop();
  }

  dispose(): Promise<void> {
    this.disposed ??= this.release();
    return this.disposed;
  }

  private async release(): Promise<void> {
    this.feeder?.stop();
    await this.ends?.close();
    if (this.dir === undefined) return;
    try {
      await rm(this.dir, { recursive: true, force: true });
      this.unregisterExitHandler?.();
    } catch {
      // Left to the exit handler, which tries again when the process ends.
    }
  }

  /** Runs one step of making the FIFO; a failure becomes a FifoError naming `path`. */
  private async step<T>(path: string, what: string, action: () => Promise<T>): Promise<T> {
    const { command, cwd } = this.context;
    try {
      return await action();
    } catch (cause) {
      const reason = (cause as { shortMessage?: string }).shortMessage ?? (cause as Error).message;
      throw new FifoError(`${what} ${path} for its stdin: ${reason}`, { command, cwd, path, cause });
    }
  }
}
