import type { Readable } from 'node:stream';
import type { OutputStreamName } from '../types.js';

/** What an {@link OutputPump} hands over. */
export interface OutputHandlers {
  /** A chunk as read, with the time it was read (ms since spawn). */
  chunk(chunk: Buffer, time: number): void;
  /**
   * The stream ended or closed; called once, after the last chunk. `cutOff` is true when pipemux
   * closed it before its end (a grandchild held it open, or the run was stopped): a line still
   * unfinished then was cut off, not ended.
   */
  end(cutOff: boolean): void;
  error(error: Error): void;
}

/**
 * Reads one output stream of the child. It listens from the moment of spawn, because when a
 * child exits Node resumes its unread stdio streams and their data would be lost. Until
 * {@link release} (after the spawn event) it keeps what it read and pauses the stream, so the
 * child blocks on a full pipe instead of filling our memory.
 */
export class OutputPump {
  private held: { chunk: Buffer; time: number }[] | undefined = [];
  private endedWhileHeld = false;
  private ended = false;
  private cutOff = false;
  private resolveDone!: () => void;
  /** How many chunks were read so far: a change means the stream made progress. */
  chunksRead = 0;
  /** When the last chunk was read (ms since spawn; 0 before the first). */
  lastReadTime = 0;
  /** Resolves once the stream ended or closed and its end was handed over. */
  readonly done = new Promise<void>((resolve) => (this.resolveDone = resolve));

  constructor(
    readonly stream: Readable,
    readonly name: OutputStreamName,
    elapsed: () => number,
    private readonly handlers: OutputHandlers,
  ) {
    stream.on('data', (chunk: Buffer) => {
      const time = elapsed();
      this.chunksRead++;
      this.lastReadTime = time;
      if (this.held === undefined) return handlers.chunk(chunk, time);
      this.held.push({ chunk, time });
      stream.pause();
    });
    const finish = () => {
      if (this.held === undefined) this.end();
      else this.endedWhileHeld = true;
    };
    stream.once('end', finish);
    stream.once('close', finish);
    stream.on('error', (error: Error) => handlers.error(error));
  }

  /** Whether the stream ended (or closed) and its end was handed over. */
  get isEnded(): boolean {
    return this.ended;
  }

  /** Hands over what was kept (and the end, if it came); from now on chunks pass straight through. */
  release(): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const { chunk, time } of held) this.handlers.chunk(chunk, time);
    if (this.endedWhileHeld) this.end();
  }

  /** Closes our end before the stream ended by itself: what was read is kept, an unfinished line is marked cut off. */
  forceClose(): void {
    if (this.ended || this.stream.destroyed) return;
    this.cutOff = true;
    this.stream.destroy();
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    this.handlers.end(this.cutOff);
    this.resolveDone();
  }
}
