import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { EventEmitter } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import type { OutputMode, PipemuxOptions } from '../types.js';

import type { ChildStdin } from './runParts.js';

export type { ChildStdin };

/** How a child ended, as far as a failed spawn needs to know (a child that ran reports nothing here). */
export interface ChildOutcome {
  /** System error code when spawning failed (`'ENOENT'`, `'EACCES'`, …). */
  code?: string;
  cause?: unknown;
  /** The system's short message (`spawn E2BIG`), never the whole command line. */
  systemMessage?: string;
}

/** The parts of a spawned child that pipemux uses. */
export interface Child extends EventEmitter {
  readonly pid: number | undefined;
  readonly stdin: Writable | null;
  /** Null unless piped. */
  readonly stdout: Readable | null;
  readonly stderr: Readable | null;
  readonly exitCode: number | null;
  readonly signalCode: NodeJS.Signals | null;
  /** Sends `killSignal`, then SIGKILL after `forceKillAfterDelay` if the child still runs. */
  kill(): boolean;
}

/** A spawned child and the report of its end, which settles once it exited and its output pipes closed (or it never started). */
export interface SpawnedChild {
  child: Child;
  outcome: Promise<ChildOutcome>;
}

/** How to spawn: the options pipemux passes on as they are. */
export type SpawnOptions = Pick<PipemuxOptions, 'env' | 'extendEnv' | 'killSignal' | 'forceKillAfterDelay' | 'shell'> & {
  cwd: string;
  /** A number is an open file descriptor the child gets as fd 0 (a FIFO's read end). */
  stdin: ChildStdin | number;
  stdout: OutputMode;
  stderr: OutputMode;
};

/** The delay before SIGKILL when `forceKillAfterDelay` is `true` (execa's default, kept). */
const DEFAULT_FORCE_KILL_AFTER_DELAY = 5000;

/**
 * Spawns `file` with `child_process.spawn` (no shell unless `shell` is set); piped stdout and
 * stderr are paused, so that no byte is read before pipemux attaches its readers. A spawn that
 * fails gives a child without a pid and an outcome that names the system error; it never throws.
 * The timeout, the cancelSignal and the kill when this process exits are pipemux's own (see `ChildRun`).
 * (execa did this until issue 17: its per-spawn work cost ~2 ms of CPU a child, more than the spawn.)
 */
export function spawnChild(file: string, args: readonly string[], options: SpawnOptions): SpawnedChild {
  const shell = options.shell ?? false;
  // As execa (and Node itself, with a deprecation warning since Node 24): a shell gets one command line.
  const [command, commandArgs] = shell !== false && args.length > 0 ? [[file, ...args].join(' '), []] : [file, args];
  const stdio: StdioOptions = [options.stdin, options.stdout, options.stderr];
  let subprocess: ChildProcess;
  try {
    subprocess = spawn(command, commandArgs, { cwd: options.cwd, env: childEnvironment(options), shell, stdio, windowsHide: true });
  } catch (error) {
    // Node throws for some failures (E2BIG, …) instead of emitting 'error': a child that never started.
    const failure = error as NodeJS.ErrnoException;
    return { child: neverStarted(), outcome: Promise.resolve({ code: failure.code, cause: failure, systemMessage: failure.message }) };
  }
  subprocess.stdout?.pause();
  subprocess.stderr?.pause();
  // The feeder listens once it writes; before that (and after), an unread EPIPE must not become an uncaught 'error'.
  subprocess.stdin?.on('error', ignore);
  const outcome = new Promise<ChildOutcome>((resolve) => {
    subprocess.once('close', () => resolve({}));
    subprocess.on('error', (error: NodeJS.ErrnoException) => {
      if (subprocess.pid === undefined) resolve({ code: error.code, cause: error, systemMessage: error.message });
    });
  });
  return { child: withForceKill(subprocess, options), outcome };
}

/** The environment the child gets; `undefined` lets Node use this process's own (no copy per spawn). */
function childEnvironment({ env, extendEnv }: SpawnOptions): NodeJS.ProcessEnv | undefined {
  if (extendEnv === false) return { ...env };
  if (env === undefined || Object.keys(env).length === 0) return undefined;
  return { ...process.env, ...env };
}

/** Makes `kill()` send `killSignal`, then SIGKILL after `forceKillAfterDelay` unless the child exited meanwhile. */
function withForceKill(subprocess: ChildProcess, { killSignal = 'SIGTERM', forceKillAfterDelay = true }: SpawnOptions): Child {
  const delay = forceKillAfterDelay === true ? DEFAULT_FORCE_KILL_AFTER_DELAY : forceKillAfterDelay;
  const signalChild = subprocess.kill.bind(subprocess);
  let forceKill: NodeJS.Timeout | undefined;
  subprocess.once('exit', () => clearTimeout(forceKill));
  subprocess.kill = () => {
    const sent = signalChild(killSignal);
    if (sent && delay !== false && forceKill === undefined) forceKill = setTimeout(() => signalChild('SIGKILL'), delay);
    return sent;
  };
  return subprocess as Child;
}

/** The child of a spawn that threw: no pid, no streams, never emits; kill() does nothing. */
function neverStarted(): Child {
  return Object.assign(new EventEmitter(), { pid: undefined, stdin: null, stdout: null, stderr: null, exitCode: null, signalCode: null, kill: () => false });
}

function ignore(): void {}
