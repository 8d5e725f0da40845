import type { OutputStreamName, PipemuxOptions } from '../types.js';

/** What `expect()` looks for: a string is matched exactly (not as a regular expression), a RegExp as a regular expression. */
export type ExpectPattern = string | RegExp;

/** Options of one `expect()` call. */
export interface ExpectOptions {
  /**
   * Milliseconds to wait for a match (at most 2^31-1); `Infinity` waits until the child exits.
   * Counted from when this `expect()` starts searching (after the previous one settled).
   * Default: the session's `expectTimeout` (30 000 ms, as pexpect).
   */
  timeout?: number;
  /** Search only this stream's text. Default: stdout and stderr together, in arrival order. */
  stream?: OutputStreamName;
}

/** A successful `expect()`. */
export interface ExpectResult {
  /**
   * The match, as `RegExp.prototype.exec` gives it (`match[0]` the matched text, `match[1]` the first
   * group, `match.index` its position in the searched text). For a string pattern: `[thatString]`.
   */
  match: RegExpExecArray;
  /** Which pattern of the list matched (0 for a single pattern). */
  index: number;
  /** The text between the end of the previous match (or the start) and this match: consumed with it. */
  before: string;
  /** The stream the matched text came from (for a match spanning both: the stream of its last character). */
  stream: OutputStreamName;
}

/**
 * Options of {@link interact}: those of `pipemux()` except the ones the session owns (`mode`: the
 * session reads raw chunks; `stdin`: the session writes it; `echoInput`: always on), plus the
 * session's own.
 */
export interface InteractOptions extends Omit<PipemuxOptions, 'mode' | 'stdin' | 'echoInput'> {
  /**
   * Most characters of unmatched output kept for matching (like pexpect's `searchwindowsize`, and
   * it also bounds memory). When more arrives, the oldest text is dropped: a match is still found
   * if it lies within the newest `maxBuffer` characters. Default 1 MiB (1 048 576 characters).
   */
  maxBuffer?: number;
  /** Default timeout of `expect()` in ms (at most 2^31-1, or `Infinity`). Default 30 000. */
  expectTimeout?: number;
  /**
   * Most bytes `send()` keeps waiting while the child's stdin pipe is full. A `send()` that would go
   * beyond throws an `InputBacklogError` (one item is always taken when nothing waits). Default 16 MiB.
   */
  maxQueuedInput?: number;
}
