/** Base class of every error pipemux reports: it names the command and the directory it ran in. */
export class PipemuxError extends Error {
  override name = 'PipemuxError';
  /** The command, as in the spawn event. */
  readonly command: string;
  /** The working directory the command was (or would have been) run in. */
  readonly cwd: string;

  constructor(message: string, context: { command: string; cwd: string; cause?: unknown }) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.command = context.command;
    this.cwd = context.cwd;
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

/** Reading a child's output stream failed. */
export class StreamReadError extends PipemuxError {
  override name = 'StreamReadError';
}

/** A tee sink could not be opened or written: names the file (or stream) and the system error code. */
export class TeeSinkError extends PipemuxError {
  override name = 'TeeSinkError';
  /** The sink's path (or a description of the caller's stream). */
  readonly path: string;
  /** The system error code, such as `'ENOENT'`, `'EISDIR'`, `'EACCES'` or `'ENOSPC'`. */
  readonly code: string | undefined;

  constructor(message: string, context: { command: string; cwd: string; path: string; code: string | undefined; cause?: unknown }) {
    super(message, context);
    this.path = context.path;
    this.code = context.code;
  }
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

/** A recording (the `record()` operator) could not be opened or written: names the file (or stream) and the system error code. */
export class RecordingError extends PipemuxError {
  override name = 'RecordingError';
  /** The recording's path (or a description of the caller's stream). */
  readonly path: string;
  /** The system error code, such as `'ENOENT'`, `'EACCES'` or `'ENOSPC'`. */
  readonly code: string | undefined;

  constructor(message: string, context: { command: string; cwd: string; path: string; code: string | undefined; cause?: unknown }) {
    super(message, context);
    this.path = context.path;
    this.code = context.code;
  }
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
