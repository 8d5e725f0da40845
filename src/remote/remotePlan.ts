import { constants } from 'node:os';
import { InvalidOptionError } from '../errors.js';
import type { RunPlan } from '../process/runPlan.js';
import { colorEnvironment } from '../tty/colorEnvironment.js';
import type { OutputMode, PipemuxOptions } from '../types.js';
import { toRemoteTarget, type RemoteTarget } from './remoteTarget.js';

const SHELL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
// The options that shape the local ssh's stdio and events: they work on a remote command as on a local one.
const LOCAL_OPTIONS = [
  'mode',
  'encoding',
  'maxLineLength',
  'longLines',
  'flushPartialAfter',
  'drainTimeout',
  'stdin',
  'echoInput',
  'tee',
  'stdout',
  'stderr',
] as const;

/** A run with the `remote` option: what runs where, and what pipemux does itself instead of the local child. */
export interface RemotePlan {
  target: RemoteTarget;
  /** The user's command, for events and errors. */
  command: string;
  /** Directory on the host ('' for the login directory) and how errors name it. */
  cwd: string;
  cwdLabel: string;
  /** What the host runs: the file and its arguments, or `[shell, '-c', line]` with the `shell` option. */
  argv: string[];
  /** `NAME=value` to set, `NAME` to remove, on the host (the `env` option and the colour policy). */
  env: string[];
  lineBuffered: boolean;
  killSignal: NodeJS.Signals;
  forceKillAfterDelay: number | false;
  timeout: number | undefined;
  cancelSignal: AbortSignal | undefined;
  reject: boolean;
  /** How the local ssh's output is read (what the user asked for the command's). */
  stdout: OutputMode;
  drainTimeout: number;
  /** Options of the local ssh: stdio, modes, tee, stdin. */
  local: PipemuxOptions;
}

/**
 * Checks what only the `remote` option makes wrong and splits the options between the host and the local ssh.
 * @throws InvalidOptionError at call time, as for every bad option.
 */
export function planRemoteRun(plan: RunPlan): RemotePlan {
  const { options, command } = plan;
  const fail = (option: string, message: string): never => {
    throw new InvalidOptionError(`invalid ${option}: ${message}`, { command, cwd: plan.cwd, option });
  };
  if (plan.stderr !== 'pipe') fail('stderr', `must be 'pipe' with remote: pipemux reads the remote command's pid and exit status there`);
  if (options.cwd !== undefined && typeof options.cwd !== 'string') fail('cwd', 'must be a path on the host (a string) with remote');
  // They go into ssh's command line, which cannot hold one (no path on the host can either).
  if (typeof options.cwd === 'string' && options.cwd.includes('\0')) fail('cwd', 'cannot hold a NUL byte');
  if (typeof plan.shell === 'string' && plan.shell.includes('\0')) fail('shell', 'cannot hold a NUL byte');
  if (!plan.extendEnv) fail('extendEnv', 'false is not supported with remote: the command gets the login environment of the host, with env on top');
  const env = { ...plan.env, ...colorEnvironment(plan.color) };
  const badName = Object.keys(env).find((name) => !SHELL_NAME.test(name));
  if (badName !== undefined) fail('env', `${JSON.stringify(badName)} cannot be set by a shell on the host (names are letters, digits and _)`);
  const target = toRemoteTarget(options.remote!);
  const { shell } = plan;
  const cwd = (options.cwd as string | undefined) ?? '';
  const local: PipemuxOptions = {};
  for (const name of LOCAL_OPTIONS) if (options[name] !== undefined) (local as Record<string, unknown>)[name] = options[name];
  return {
    target,
    command,
    cwd,
    cwdLabel: `${target.label}:${cwd === '' ? '~' : cwd}`,
    argv: shell === false ? [plan.file, ...plan.args] : [shell === true ? '/bin/sh' : shell, '-c', [plan.file, ...plan.args].join(' ')],
    env: Object.entries(env).map(([name, value]) => (value === undefined ? name : `${name}=${value}`)),
    lineBuffered: plan.lineBuffered,
    killSignal: signalName(plan.killSignal),
    forceKillAfterDelay: plan.forceKillAfterDelay,
    timeout: plan.timeout,
    cancelSignal: plan.cancelSignal,
    reject: plan.reject,
    stdout: plan.stdout,
    drainTimeout: plan.drainTimeout,
    local,
  };
}

/** A signal by name (`options.ts` accepted a name or a number this platform knows). */
function signalName(signal: NodeJS.Signals | number): NodeJS.Signals {
  if (typeof signal === 'string') return signal;
  return (Object.keys(constants.signals) as NodeJS.Signals[]).find((name) => constants.signals[name] === signal)!;
}
