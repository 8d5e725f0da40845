import type { Observable } from 'rxjs';
import type { MuxEvent, PipemuxOptions, StdinItem } from '../types.js';

/** One command of a {@link muxAll} run. */
export interface MuxJob {
  /** Shown on every event and used to route input and to name children in `success`. Default: the index as a string (`'0'`). */
  name?: string;
  file: string;
  args?: readonly string[];
  /** The child's own pipemux options (`cwd`, `env`, `tee`, `killSignal`, `forceKillAfterDelay`, …). */
  options?: PipemuxOptions;
}

/** A job whose child runs in line mode (the default): its data events carry strings. */
export type LineJob = MuxJob & { options?: PipemuxOptions & { mode?: 'lines' } };

/** Which child a piece of routed input is for: a name (string) or an index (number). */
export type ChildRef = string | number;

/** A piece of input for one child; without `to` it goes to `defaultInputTarget`. */
export interface InputMessage {
  to?: ChildRef;
  data: StdinItem;
}

/**
 * When the run succeeds. A child killed by kill-others and a child never started never count
 * (neither as a success nor as a failure); the rule looks at the others.
 * - `'all'`: every child that counts exited with code 0;
 * - `'first'` / `'last'`: the first / last child that counts to end exited with code 0;
 * - a list of names or indices: each of those children that counts exited with 0, and at least one counts.
 */
export type SuccessRule = 'all' | 'first' | 'last' | readonly ChildRef[];

/** Restarting a child that failed. */
export interface RestartOptions {
  /** Restarts after a failure (not counting the first run); `Infinity` for no limit. */
  tries: number;
  /** Milliseconds before each restart, or `'exponential'`: 1 s, 2 s, 4 s, … (as concurrently). Default 0. */
  delay?: number | 'exponential';
}

/** Options of {@link muxAll}. */
export interface MuxAllOptions {
  /** At most this many children alive at a time, started in order. Default: all at once. */
  maxConcurrent?: number;
  /** When the run succeeds; default `'all'`. */
  success?: SuccessRule;
  /** Stop every other child when a child ends (after its restarts) with this outcome. */
  killOthersOn?: readonly ('failure' | 'success')[];
  /** Restart a child that failed; restarts stop once kill-others fired. */
  restart?: RestartOptions;
  /**
   * Input for the children's stdin: each message goes to the child `to` names. The children whose
   * job sets no `stdin` of its own read it; its completion is EOF for them.
   */
  input?: Observable<InputMessage>;
  /** Where a message without `to` goes. Default: index 0. */
  defaultInputTarget?: ChildRef;
  /**
   * Winding down without killing: once it aborts, no child is started or restarted any more
   * (children still waiting end as `skipped`, a pending restart is dropped) while the running
   * ones go on until they exit, with their events and the summary as usual. For a program that
   * passes a signal (Ctrl-C) on to its children itself, as `pipemux --many` does. To kill them
   * instead, unsubscribe, or give each job a `cancelSignal`.
   */
  stopStarting?: AbortSignal;
}

/** Which child an event is about. */
export interface ChildTag {
  name: string;
  index: number;
  /** 0 for the first run, n for the n-th restart. */
  attempt: number;
}

/** An event of one child's own timeline, with the child's name and index. */
export type ChildEvent<D extends string | Buffer = string | Buffer> = MuxEvent<D> & ChildTag;

/** How a child's part in the run ended. */
export type ChildOutcome =
  /** Its last run exited with code 0. */
  | 'success'
  /** Its last run exited with another code or a signal, or failed to run (see `error`). */
  | 'failure'
  /** It was still running when kill-others fired and was stopped: never counted by the rule. */
  | 'killed'
  /** It never started: kill-others fired first. */
  | 'skipped';

/** One run (attempt) of a child: times in ms since the subscription. */
export interface AttemptSummary {
  pid: number | undefined;
  code: number | null;
  signal: string | null;
  /** When its spawn event arrived (undefined if it never spawned). */
  startedAt: number | undefined;
  /** When its timeline ended. */
  endedAt: number;
  /** From spawn to exit, as in its exit event (0 if it never spawned). */
  durationMs: number;
  /** The error that ended it instead of an exit event (command not found, …). */
  error?: Error;
}

/** What became of one child. */
export interface ChildSummary {
  name: string;
  index: number;
  /** The command, as its spawn event and errors show it. */
  command: string;
  outcome: ChildOutcome;
  /** Exit code and signal of its last run (both null if it never exited). */
  code: number | null;
  signal: string | null;
  /** Duration of its last run. */
  durationMs: number;
  restarts: number;
  /** The error that ended its last run, if any. */
  error?: Error;
  attempts: AttemptSummary[];
}

/** The last event of a {@link muxAll} run, after every child ended. */
export interface SummaryEvent {
  type: 'summary';
  success: boolean;
  /** The child whose result made the run fail (by the rule), if one did. */
  failedBy?: number;
  /** Who fired kill-others, why and when (ms since the subscription). */
  killOthers?: { index: number; name: string; reason: 'failure' | 'success'; at: number };
  /** Every child, in job order. */
  children: ChildSummary[];
  /** Milliseconds since the subscription. */
  durationMs: number;
}

/** What a {@link muxAll} run emits: every child's events, then one summary. */
export type ManyEvent<D extends string | Buffer = string | Buffer> = ChildEvent<D> | SummaryEvent;
