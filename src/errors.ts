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
