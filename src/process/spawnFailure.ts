import { CommandNotExecutableError, CommandNotFoundError, InterpreterNotFoundError, PipemuxError, ShellNotFoundError, SpawnFailedError } from '../errors.js';
import { exists, findExecutable, readInterpreter } from './commandLookup.js';
import type { RunPlan } from './runPlan.js';
import type { ChildOutcome } from './spawnChild.js';

/** What the diagnosis of a failed spawn needs to know about the run. */
export interface FailedSpawn {
  file: string;
  command: string;
  cwd: string;
  shell: boolean | string | undefined;
  /** The PATH the child would have searched. */
  path: string | undefined;
  /** Bytes of arguments and environment, for an E2BIG message. */
  argumentBytes: number;
}

/** The facts about a run whose spawn failed; `env` is what the child was given on top of the parent's (or instead, with `extendEnv: false`). */
export function failedSpawn(plan: RunPlan, env: Record<string, string | undefined>): FailedSpawn {
  const fullEnv = plan.extendEnv ? { ...process.env, ...env } : env;
  const words = [plan.file, ...plan.args, ...Object.entries(fullEnv).map(([name, value]) => (value === undefined ? '' : `${name}=${value}`))];
  return {
    file: plan.file,
    command: plan.command,
    cwd: plan.cwd,
    shell: plan.shell,
    path: fullEnv['PATH'],
    argumentBytes: words.reduce((sum, word) => sum + Buffer.byteLength(word) + 1, 0),
  };
}

/**
 * Turns execa's report of a failed spawn into the typed error that names what is missing: the
 * command, the interpreter on its `#!` line (the system says ENOENT for the script), or the shell.
 * Messages stay short: execa's own message repeats the whole argument list (60 MB for an E2BIG).
 */
export async function toSpawnError(outcome: ChildOutcome, spawn: FailedSpawn): Promise<PipemuxError> {
  const { command, cwd } = spawn;
  const context = { command, cwd, cause: outcome.cause };
  switch (outcome.code) {
    case 'ENOENT':
      return (await explainMissing(spawn, context)) ?? new CommandNotFoundError('command not found', context);
    case 'EACCES':
      return new CommandNotExecutableError('command is not executable (no execute permission, or a directory)', context);
    case 'E2BIG':
      return new SpawnFailedError(
        `could not be started: its arguments and environment are too long for the system (E2BIG: ${spawn.argumentBytes.toLocaleString('en-US')} bytes; Linux takes at most 128 KiB in one argument)`,
        { ...context, code: outcome.code },
      );
    default:
      return new SpawnFailedError(`could not be started: ${outcome.systemMessage ?? outcome.code ?? 'unknown reason'}`, { ...context, code: outcome.code });
  }
}

/** ENOENT for something that exists: a missing shell, or a script whose interpreter is missing. */
async function explainMissing(spawn: FailedSpawn, context: { command: string; cwd: string; cause: unknown }): Promise<PipemuxError | undefined> {
  const { cwd, shell, path } = spawn;
  if (shell !== undefined && shell !== false) {
    const name = shell === true ? '/bin/sh' : shell;
    if ((await findExecutable(name, cwd, path)) !== undefined) return undefined;
    return new ShellNotFoundError(`shell not found: ${name}`, { ...context, shell: name });
  }
  const script = await findExecutable(spawn.file, cwd, path);
  if (script === undefined) return undefined;
  const interpreter = await readInterpreter(script);
  if (interpreter === undefined || (await exists(interpreter, cwd))) return undefined;
  const windowsLineEnd = interpreter.endsWith('\r') ? ': the line ends with a carriage return (the script has Windows line endings)' : '';
  return new InterpreterNotFoundError(`interpreter not found: ${JSON.stringify(interpreter)}, named on the #! line of ${script}${windowsLineEnd}`, {
    ...context,
    interpreter,
    script,
  });
}
