import { constants } from 'node:os';
import { CommandNotExecutableError, CommandNotFoundError, InvalidOptionError } from '../errors.js';
import type { ExitEvent } from '../types.js';

/** Status for a usage error, as most Unix tools use. */
export const USAGE_ERROR_STATUS = 2;
/** Status when pipemux itself failed (bad tee file, bad cwd, FIFO error), as `env` and `timeout` use. */
export const OWN_FAILURE_STATUS = 125;
/** Status when our stdout was closed by its reader (`| head`), as a process killed by SIGPIPE gets. */
export const BROKEN_PIPE_STATUS = 128 + constants.signals.SIGPIPE;

/** The child's status: its code, or 128+n when signal n ended it (as shells report it). */
export function statusOfExit(exit: ExitEvent): number {
  return exit.code ?? statusOfSignal(exit.signal);
}

/** 128+n for signal n, as shells report a process that a signal ended. */
export function statusOfSignal(signal: string | null): number {
  const signalNumber = signal === null ? undefined : constants.signals[signal as NodeJS.Signals];
  return 128 + (signalNumber ?? 0);
}

/** The status for an error that ended the run, following the shell's conventions (127, 126). */
export function statusOfError(error: unknown): number {
  if (error instanceof CommandNotFoundError) return 127;
  if (error instanceof CommandNotExecutableError) return 126;
  if (error instanceof InvalidOptionError) return USAGE_ERROR_STATUS;
  return OWN_FAILURE_STATUS;
}
