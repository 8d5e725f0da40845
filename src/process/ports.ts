import type { Writable } from 'node:stream';
import type { PipemuxError } from '../errors.js';
import type { LineBufferingReport, OutputMode, OutputStreamName, SpawnEvent } from '../types.js';

/** What the child's stdin is connected to when it is spawned (a number: an fd we opened, a FIFO's read end). */
export type ChildStdin = 'ignore' | 'inherit' | 'pipe';

/** How the child's fds 0-2 are set up at spawn. */
export interface StdioConfig {
  stdin: ChildStdin | number;
  stdout: OutputMode;
  stderr: OutputMode;
}

/** Reports a failure that must end the run (the child is killed, the timeline errors). */
export type FailRun = (error: PipemuxError) => void;

/**
 * Gets every raw chunk of the child's output before it is decoded (the tee sinks).
 * Implemented in `sinks/`; `process/` only knows this shape.
 */
export interface OutputTap {
  /** Opens what it needs before the child is spawned; rejects with a typed error naming the path. */
  open(fail: FailRun): Promise<void>;
  /** Copies one chunk. Returns false when the stream should pause until {@link drained} resolves. */
  write(stream: OutputStreamName, chunk: Buffer): boolean;
  /** Resolves once the sinks of `stream` can take more. */
  drained(stream: OutputStreamName): Promise<void>;
  /** Flushes and closes; resolves when every byte is written. Called before the exit event. */
  finish(): Promise<void>;
  /**
   * Every way out (also after an error or unsubscribe): closes what it opened, keeping what
   * healthy sinks already accepted. Never rejects; safe to call more than once.
   */
  destroy(): Promise<void>;
}

/**
 * What the child reads on stdin (data sources, FIFOs). Implemented in `stdin/`.
 */
export interface InputSource {
  /** Acquires what it needs before spawn (a FIFO, its fds); rejects with a typed error. */
  prepare(fail: FailRun): Promise<void>;
  /** What to give the child as stdin; read after {@link prepare}. A number is an fd we own. */
  readonly spawnStdin: ChildStdin | number;
  /** Path of the FIFO, announced in the spawn event. */
  readonly fifoPath?: string;
  /**
   * The child runs: start feeding it. `childStdin` is the child's stdin pipe when `spawnStdin`
   * is `'pipe'`. `echo` puts what was written on the timeline (when asked for).
   */
  start(childStdin: Writable | null, echo: (data: string | Buffer) => void): void;
  /**
   * The child exited: feeding stops, as the child reads no more (the rest of the source is not
   * read, and a failure of the source from now on is not the run's).
   */
  childExited(): void;
  /** Every way out: stops feeding, closes fds, removes the FIFO and its directory. Safe to call more than once. */
  dispose(): Promise<void>;
}

/** Facts about the running child that go into the spawn event. */
export type SpawnFacts = Pick<SpawnEvent, 'tty'>;

/**
 * Reads facts about the running child to put into the spawn event (the tty report, made in `tty/`).
 * Called after spawn, while the child's output is still paused; must not wait on the child and must not reject.
 */
export type SpawnInspector = (pid: number, stdio: StdioConfig) => Promise<SpawnFacts>;

/** The parts of a run, built by `buildRunParts()` in `pipemux.ts`; all but `inspect` are optional. */
export interface RunParts {
  tap?: OutputTap;
  input?: InputSource;
  /** Required: every spawn event carries a tty report. */
  inspect: SpawnInspector;
  /** Environment variables set on top of the `env` option (the colour policy). */
  env?: Record<string, string | undefined>;
  /** Put `stdin` events (what was written to the child) on the timeline. */
  echoInput?: boolean;
  /** The remedies for block buffering (`lineBuffered: true`), made in `buffering/`. */
  lineBuffering?: LineBufferingRemedy;
  /** Takes a carrier's own records out of the raw output before tee and decoding (ssh, made in `remote/`). */
  outputFilter?: OutputFilter;
}

/**
 * Sees the raw output before anything else does (tee sinks, decoding) and gives back the child's
 * own bytes: when the local child only carries the command (ssh), the carrier adds records of its
 * own to a stream. Must not throw.
 */
export interface OutputFilter {
  /** The child's own bytes of `chunk` (the chunk itself when there is nothing to take out; may be empty). */
  write(stream: OutputStreamName, chunk: Buffer): Buffer;
  /** The stream ended: bytes the filter still held back (the start of a record that never came is the child's). */
  end(stream: OutputStreamName): Buffer | undefined;
}

/**
 * Given the environment the child would get, the variables that make its output line-buffered
 * and the report for the spawn event. Never rejects: what cannot be done is in the report.
 */
export type LineBufferingRemedy = (
  baseEnv: Readonly<Record<string, string | undefined>>,
) => Promise<{ env: Record<string, string>; report: LineBufferingReport }>;
