import { resolve } from 'node:path';
import { asyncScheduler, Observable, type SchedulerLike, type Subscriber, type Unsubscribable } from 'rxjs';
import type { MuxEvent } from '../types.js';
import { readRecording, RecordingReader } from './recordingReader.js';
import { checkReplayOptions, type ReplayOptions, type ReplaySettings } from './replayOptions.js';
import { MAX_DELAY_MS } from '../limits.js';

// Events given in one go before the event loop gets a turn, when they are due at once.
const EVENTS_PER_TURN = 4096;

/**
 * Plays a recording back as a timeline, so a recorded session runs through the same operators as
 * a live one: `spawn` (pid 0), `stdout` / `stderr` lines (or chunks), `stdin` (input that was
 * recorded) and `exit`, each at its recorded time (divided by `speed`; `Infinity`: at once),
 * with `time` and `seq` as recorded. A pipemux recording gives back stderr as stderr, the exit
 * code or signal, and the fd report of the spawn event. A recording by asciinema (v2 or v3) gives
 * its output as stdout, and an exit event with its `x` status, or `code: null, signal: null`
 * when the file has none (asciinema 2 writes none).
 *
 * The file is read into memory when you subscribe; a file that cannot be read, or a line that is
 * not asciicast, errors the timeline with a `ReplayError` naming the file and the line (events
 * before a bad line are given first). Unsubscribing stops the playback.
 *
 * @example
 * ```ts
 * import { prefix, replay } from 'pipemux';
 *
 * replay('build.cast', { speed: 4 })
 *   .pipe(prefix({ stderr: 'E: ' }))
 *   .subscribe((event) => {
 *     if (event.type === 'stdout' || event.type === 'stderr') console.log(event.data);
 *   });
 * ```
 */
export function replay(file: string, options?: ReplayOptions & { mode?: 'lines' }): Observable<MuxEvent<string>>;
export function replay(file: string, options: ReplayOptions & { mode: 'chunks' }): Observable<MuxEvent<Buffer>>;
export function replay(file: string, options?: ReplayOptions): Observable<MuxEvent>;
export function replay(file: string, options?: ReplayOptions): Observable<MuxEvent> {
  return replayThrough(file, options, undefined);
}

/**
 * Lets the consumer of a playback hold it while it cannot take more: an Observable cannot be
 * paused, and `pipemux replay --speed Infinity | less` would otherwise hold the whole recording
 * in memory.
 */
export interface PlaybackGate {
  /** Whether the consumer cannot take more now. */
  readonly closed: boolean;
  /** Calls `resume` once it can again. */
  whenOpen(resume: () => void): void;
}

/** {@link replay}, held while `gate` is closed (the `pipemux replay` command's stdout and stderr are full). */
export function replayThrough(file: string, options: ReplayOptions | undefined, gate: PlaybackGate | undefined): Observable<MuxEvent> {
  const settings = checkReplayOptions(file, options);
  const path = resolve(file);
  return new Observable<MuxEvent>((subscriber) => {
    let playback: Playback | undefined;
    readRecording(path).then(
      (bytes) => {
        if (subscriber.closed) return;
        let reader: RecordingReader;
        try {
          reader = new RecordingReader(path, bytes, settings.mode);
        } catch (error) {
          return subscriber.error(error);
        }
        playback = new Playback(reader, subscriber, settings, gate);
        playback.play();
      },
      (error: unknown) => subscriber.error(error),
    );
    return () => playback?.stop();
  });
}

/** Gives a reader's events to a subscriber, each when it is due. */
class Playback {
  private readonly queue: MuxEvent[] = [];
  private next = 0;
  private startedAt = 0;
  private pending: Unsubscribable | NodeJS.Immediate | undefined;
  private readonly scheduler: SchedulerLike;

  constructor(
    private readonly reader: RecordingReader,
    private readonly subscriber: Subscriber<MuxEvent>,
    private readonly settings: ReplaySettings,
    private readonly gate: PlaybackGate | undefined,
  ) {
    this.scheduler = settings.scheduler ?? asyncScheduler;
  }

  play(): void {
    this.startedAt = this.scheduler.now();
    this.pump();
  }

  stop(): void {
    const { pending } = this;
    this.pending = undefined;
    if (pending === undefined) return;
    if ('unsubscribe' in pending) pending.unsubscribe();
    else clearImmediate(pending);
  }

  /** Gives every event that is due, then waits for the next one (or lets the event loop turn). */
  private readonly pump = (): void => {
    this.pending = undefined;
    const { subscriber } = this;
    for (let given = 0; !subscriber.closed; given++) {
      let event: MuxEvent | undefined;
      try {
        event = this.peek();
      } catch (error) {
        return subscriber.error(error);
      }
      if (event === undefined) return subscriber.complete();
      const wait = this.startedAt + event.time / this.settings.speed - this.scheduler.now();
      if (wait > 0) return this.resumeAfter(wait);
      if (given === EVENTS_PER_TURN) return this.resumeAfter(0);
      // Held: the pump starts again when the consumer can take more (late events then come at once).
      if (this.gate?.closed === true) return this.gate.whenOpen(this.pump);
      this.next++;
      subscriber.next(event);
    }
  };

  private peek(): MuxEvent | undefined {
    if (this.next === this.queue.length) {
      this.queue.length = 0;
      this.next = 0;
      if (!this.reader.readInto(this.queue)) return undefined;
    }
    return this.queue[this.next];
  }

  private resumeAfter(wantedMs: number): void {
    // A longer wait would fire after 1 ms, again and again; the pump works out what is left when it wakes.
    const delayMs = Math.min(wantedMs, MAX_DELAY_MS);
    // Real time without a delay: setImmediate lets I/O in (rxjs's asyncScheduler would wait ≥ 1 ms).
    if (delayMs === 0 && this.settings.scheduler === undefined) this.pending = setImmediate(this.pump);
    else this.pending = this.scheduler.schedule(this.pump, delayMs);
  }
}
