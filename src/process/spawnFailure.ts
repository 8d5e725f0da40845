import { CommandNotExecutableError, CommandNotFoundError, PipemuxError, SpawnFailedError } from '../errors.js';
import type { ChildOutcome } from './spawnChild.js';

/** Turns execa's report of a failed spawn into the typed error that names the command. */
export function toSpawnError(outcome: ChildOutcome, command: string, cwd: string): PipemuxError {
  const context = { command, cwd, cause: outcome.cause };
  switch (outcome.code) {
    case 'ENOENT':
      return new CommandNotFoundError(`command not found: ${command} (cwd: ${cwd})`, context);
    case 'EACCES':
      return new CommandNotExecutableError(`command is not executable: ${command} (cwd: ${cwd})`, context);
    default:
      return new SpawnFailedError(`could not start ${command} (cwd: ${cwd}): ${outcome.message}`, { ...context, code: outcome.code });
  }
}
