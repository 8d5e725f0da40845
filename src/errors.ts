/** The run an error is about: the command (as in the spawn event; '' when there is none) and its directory. */
export interface RunContext {
  command: string;
  cwd: string;
}

/**
 * The one way an error message names its run: `<command>: <what happened> (cwd: <dir>)`, as a
 * shell names the program it could not run (`sh: foo: not found`); without a command (a
 * recording read on its own), `<what happened> (cwd: <dir>)`.
 */
export function describeFailure(what: string, { command, cwd }: RunContext): string {
  return `${command === '' ? '' : `${command}: `}${what} (cwd: ${cwd})`;
}

/**
 * A value as a message shows it: a string quoted, an object by its class, anything else as
 * `String()` writes it (`42`, `null`, `undefined`, `true`).
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object' && value !== null) return value.constructor?.name ?? 'object';
  if (typeof value === 'symbol') return value.toString();
  return String(value);
}

/**
 * Base class of every error pipemux reports. Each is built one way: from what happened, worded
 * without the command, and the run's context; the message is {@link describeFailure}'s.
 */
export class PipemuxError extends Error {
  override name = 'PipemuxError';
  /** The command, as in the spawn event. */
  readonly command: string;
  /** The working directory the command was (or would have been) run in. */
  readonly cwd: string;
  /** What happened, without the command and the directory (the message's middle part). */
  readonly reason: string;

  constructor(what: string, context: RunContext & { cause?: unknown }) {
    super(describeFailure(what, context), context.cause === undefined ? undefined : { cause: context.cause });
    this.command = context.command;
    this.cwd = context.cwd;
    this.reason = what;
  }
}

/** The command does not exist (spawn failed with ENOENT). */
export class CommandNotFoundError extends PipemuxError {
  override name = 'CommandNotFoundError';
  readonly code = 'ENOENT';
}

/** The command exists but cannot be executed (EACCES: no execute permission, or a directory). */
export class CommandNotExecutableError extends PipemuxError {
  override name = 'CommandNotExecutableError';
  readonly code = 'EACCES';
}

/** The `cwd` option names no directory. */
export class InvalidCwdError extends PipemuxError {
  override name = 'InvalidCwdError';
}

/** Spawning failed for another reason (too many processes, out of memory, …). */
export class SpawnFailedError extends PipemuxError {
  override name = 'SpawnFailedError';
  /** The system error code, such as `'EAGAIN'`. */
  readonly code: string | undefined;

  constructor(message: string, context: { command: string; cwd: string; code: string | undefined; cause?: unknown }) {
    super(message, context);
    this.code = context.code;
  }
}

/** An option has the wrong type or value. Thrown at call time: it is a programming error. */
export class InvalidOptionError extends PipemuxError {
  override name = 'InvalidOptionError';
  /** The option's name, such as `'maxLineLength'`. */
  readonly option: string;

  constructor(message: string, context: { command: string; cwd: string; option: string }) {
    super(message, context);
    this.option = context.option;
  }
}

/** With `reject: true`: the child exited with a non-zero code or was ended by a signal. */
export class ExitError extends PipemuxError {
  override name = 'ExitError';
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly timedOut: boolean;

  constructor(message: string, context: { command: string; cwd: string; exitCode: number | null; signal: string | null; timedOut: boolean }) {
    super(message, context);
    this.exitCode = context.exitCode;
    this.signal = context.signal;
    this.timedOut = context.timedOut;
  }
}

/** With `longLines: 'error'`: a line exceeded `maxLineLength` bytes. */
export class LineTooLongError extends PipemuxError {
  override name = 'LineTooLongError';
  readonly stream: 'stdout' | 'stderr';
  readonly maxLineLength: number;

  constructor(message: string, context: { command: string; cwd: string; stream: 'stdout' | 'stderr'; maxLineLength: number }) {
    super(message, context);
    this.stream = context.stream;
    this.maxLineLength = context.maxLineLength;
  }
}

/** The `cancelSignal` was aborted before the child could be spawned: nothing was run. */
export class CanceledError extends PipemuxError {
  override name = 'CanceledError';
}

/** Reading a child's output stream failed. */
export class StreamReadError extends PipemuxError {
  override name = 'StreamReadError';
}

/** A file (or a caller's stream) that pipemux writes failed: names it and the system error code. */
export abstract class DestinationError extends PipemuxError {
  /** The destination's path (or a description of the caller's stream). */
  readonly path: string;
  /** The system error code, such as `'ENOENT'`, `'EISDIR'`, `'EACCES'` or `'ENOSPC'`. */
  readonly code: string | undefined;

  constructor(message: string, context: { command: string; cwd: string; path: string; code: string | undefined; cause?: unknown }) {
    super(message, context);
    this.path = context.path;
    this.code = context.code;
  }
}

/** A tee sink could not be opened or written: names the file (or stream) and the system error code. */
export class TeeSinkError extends DestinationError {
  override name = 'TeeSinkError';
}

/** The FIFO for `stdin: { fifo: true }` could not be made or opened: names the path. */
export class FifoError extends PipemuxError {
  override name = 'FifoError';
  /** The FIFO (or the directory it was to be made in). */
  readonly path: string;

  constructor(message: string, context: { command: string; cwd: string; path: string; cause?: unknown }) {
    super(message, context);
    this.path = context.path;
  }
}

/** `stdin: { fifo: true }` on a platform without named pipes (Windows). */
export class FifoUnsupportedError extends PipemuxError {
  override name = 'FifoUnsupportedError';
}

/** The `stdin` source threw, errored or gave an item that is not a string, Buffer or string array; the child was killed. */
export class StdinSourceError extends PipemuxError {
  override name = 'StdinSourceError';
}

/** Writing to the child's stdin failed for a reason other than the child not reading any more (EPIPE). */
export class StdinWriteError extends PipemuxError {
  override name = 'StdinWriteError';
}

/** muxAll(): a piece of routed input is for no child that reads routed input (an unknown name or index, or a job with its own `stdin`). */
export class InputTargetError extends PipemuxError {
  override name = 'InputTargetError';
  /** The `to` of the message (or the default target). */
  readonly target: string | number;

  constructor(message: string, context: { command: string; cwd: string; target: string | number }) {
    super(message, context);
    this.target = context.target;
  }
}

/**
 * The command is a script whose `#!` interpreter does not exist. The system reports this as if the
 * script were missing (ENOENT); this error names the interpreter instead.
 */
export class InterpreterNotFoundError extends CommandNotFoundError {
  override name = 'InterpreterNotFoundError';
  /** The interpreter named on the script's `#!` line, as written there. */
  readonly interpreter: string;
  /** The script's path (found in `cwd` or on the PATH). */
  readonly script: string;

  constructor(message: string, context: { command: string; cwd: string; interpreter: string; script: string; cause?: unknown }) {
    super(message, context);
    this.interpreter = context.interpreter;
    this.script = context.script;
  }
}

/** The `shell` option names a shell that does not exist (the command itself was never looked for). */
export class ShellNotFoundError extends CommandNotFoundError {
  override name = 'ShellNotFoundError';
  /** The shell, as given (`'/bin/sh'` for `shell: true`). */
  readonly shell: string;

  constructor(message: string, context: { command: string; cwd: string; shell: string; cause?: unknown }) {
    super(message, context);
    this.shell = context.shell;
  }
}

/** What `expect()` was waiting for: a string (matched exactly), a RegExp, or a list of them. */
export type ExpectedPattern = string | RegExp | readonly (string | RegExp)[];

/** What a failed `expect()` carries: the pattern, the view it searched and the text that did not match. */
interface ExpectFailureContext {
  command: string;
  cwd: string;
  pattern: ExpectedPattern;
  stream: 'stdout' | 'stderr' | undefined;
  before: string;
}

/** `expect()` found no match within its timeout. The child is not killed: `close()` or `kill()` ends it. */
export class ExpectTimeoutError extends PipemuxError {
  override name = 'ExpectTimeoutError';
  /** The pattern (or list) as it was given to `expect()`. */
  readonly pattern: ExpectedPattern;
  /** The stream searched, or `undefined` for both in arrival order. */
  readonly stream: 'stdout' | 'stderr' | undefined;
  /** The unmatched text of that view (at most `maxBuffer` characters: the newest ones). */
  readonly before: string;
  /** The timeout that passed, in ms. */
  readonly timeout: number;

  constructor(message: string, context: ExpectFailureContext & { timeout: number }) {
    super(message, context);
    this.pattern = context.pattern;
    this.stream = context.stream;
    this.before = context.before;
    this.timeout = context.timeout;
  }
}

/** The child exited (and all its output was searched) before `expect()` matched. */
export class ExpectEofError extends PipemuxError {
  override name = 'ExpectEofError';
  /** The pattern (or list) as it was given to `expect()`. */
  readonly pattern: ExpectedPattern;
  /** The stream searched, or `undefined` for both in arrival order. */
  readonly stream: 'stdout' | 'stderr' | undefined;
  /** The unmatched text of that view (at most `maxBuffer` characters: the newest ones). */
  readonly before: string;
  /** The child's exit code, or `null` when a signal ended it. */
  readonly exitCode: number | null;
  /** The signal that ended the child, or `null`. */
  readonly signal: string | null;

  constructor(message: string, context: ExpectFailureContext & { exitCode: number | null; signal: string | null }) {
    super(message, context);
    this.pattern = context.pattern;
    this.stream = context.stream;
    this.before = context.before;
    this.exitCode = context.exitCode;
    this.signal = context.signal;
  }
}

/** `send()` after `end()` or `close()`: the child's stdin is closed for good. */
export class InputClosedError extends PipemuxError {
  override name = 'InputClosedError';
}

/**
 * `send()` while more than `maxQueuedInput` bytes already wait for the child to read them (it reads
 * slowly, or not at all): await `send()` to keep pace with the child instead.
 */
export class InputBacklogError extends PipemuxError {
  override name = 'InputBacklogError';
  /** Bytes waiting in the session, not yet taken by the pipe. */
  readonly queuedBytes: number;
  /** The `maxQueuedInput` option. */
  readonly maxQueuedInput: number;

  constructor(message: string, context: { command: string; cwd: string; queuedBytes: number; maxQueuedInput: number }) {
    super(message, context);
    this.queuedBytes = context.queuedBytes;
    this.maxQueuedInput = context.maxQueuedInput;
  }
}

/** A recording (the `record()` operator) could not be opened or written: names the file (or stream) and the system error code. */
export class RecordingError extends DestinationError {
  override name = 'RecordingError';
}

/** A recording given to `replay()` cannot be read or is not an asciicast v2/v3 file: names the file and the line. */
export class ReplayError extends PipemuxError {
  override name = 'ReplayError';
  /** The recording's path. */
  readonly path: string;
  /** The 1-based line that is wrong; undefined when the file itself could not be read. */
  readonly line: number | undefined;
  /** The system error code when the file could not be read (`'ENOENT'`, …). */
  readonly code: string | undefined;

  constructor(message: string, context: { command: string; cwd: string; path: string; line: number | undefined; code?: string | undefined; cause?: unknown }) {
    super(message, context);
    this.path = context.path;
    this.line = context.line;
    this.code = context.code;
  }
}

/**
 * The `remote` option: ssh itself failed, so the command did not run or its end is not known. The
 * host could not be reached, refused the key, or its host key is not known (ssh's exit status 255),
 * or the connection was lost while the command ran. A command that exits with 255 itself is not
 * this error: its exit event says so.
 */
export class RemoteError extends PipemuxError {
  override name = 'RemoteError';
  /** The host, as given in the `remote` option (with `user@` and `:port` when given). */
  readonly host: string;
  /** What ssh said about it (its last lines on stderr), or `''` when it said nothing. */
  readonly sshMessage: string;
  /** ssh's exit status (255 for its own failures), or `null` when it did not exit by itself. */
  readonly exitCode: number | null;

  constructor(message: string, context: { command: string; cwd: string; host: string; sshMessage: string; exitCode: number | null; cause?: unknown }) {
    super(message, context);
    this.host = context.host;
    this.sshMessage = context.sshMessage;
    this.exitCode = context.exitCode;
  }
}
