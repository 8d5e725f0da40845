import type { Writable } from 'node:stream';
import { BROKEN_PIPE_STATUS, OWN_FAILURE_STATUS } from './exitStatus.js';

/** Our stdout or stderr failed: which, the error, and the status to end with. */
export type OutputFailureHandler = (stream: 'stdout' | 'stderr', error: NodeJS.ErrnoException, status: number) => void;

/**
 * Calls `onFailure` when writing to our stdout or stderr fails, with the status every `pipemux`
 * mode ends with then: 141 when the reader went away (EPIPE, as a process killed by SIGPIPE), 125
 * for another failure (a full disk). Returns the function that stops listening.
 */
export function onOutputFailure(io: { stdout: Writable; stderr: Writable }, onFailure: OutputFailureHandler): () => void {
  const handlerFor = (stream: 'stdout' | 'stderr') => (error: NodeJS.ErrnoException) =>
    onFailure(stream, error, error.code === 'EPIPE' ? BROKEN_PIPE_STATUS : OWN_FAILURE_STATUS);
  const onStdoutError = handlerFor('stdout');
  const onStderrError = handlerFor('stderr');
  io.stdout.on('error', onStdoutError);
  io.stderr.on('error', onStderrError);
  return () => {
    io.stdout.off('error', onStdoutError);
    io.stderr.off('error', onStderrError);
  };
}
