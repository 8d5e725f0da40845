import { StdinSourceError, StdinWriteError } from '../errors.js';
import type { FailRun } from '../process/ports.js';
import type { FeedHooks } from './inputFeeder.js';

/** The command and directory errors name. */
export interface RunContext {
  command: string;
  cwd: string;
}

/** Turns a feeder's failures into typed errors that end the run (the child is killed). */
export function failRunOnFeedError(fail: FailRun, { command, cwd }: RunContext): FeedHooks {
  return {
    sourceFailed: (cause) => fail(new StdinSourceError(`its stdin source failed: ${messageOf(cause)}`, { command, cwd, cause })),
    writeFailed: (cause) => fail(new StdinWriteError(`writing to its stdin failed: ${cause.message}`, { command, cwd, cause })),
  };
}

function messageOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
