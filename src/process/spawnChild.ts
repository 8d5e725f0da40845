import type { EventEmitter } from 'node:events';
import { execa } from 'execa';
import type { Readable, Writable } from 'node:stream';
import type { OutputMode } from '../types.js';

import type { ChildStdin } from './ports.js';

export type { ChildStdin };

/** How execa reports the end of a child (with `reject: false` it never rejects); what a failed spawn needs. */
export interface ChildOutcome {
  /** System error code when spawning failed (`'ENOENT'`, `'EACCES'`, …). */
  code?: string;
  cause?: unknown;
  /** The system's short message (`spawn E2BIG`); execa's own message repeats the whole command line. */
  systemMessage?: string;
}

/** The parts of an execa subprocess that pipemux uses. */
export interface Child extends EventEmitter {
  readonly pid: number | undefined;
  readonly stdin: Writable | null;
  /** Null unless piped. */
  readonly stdout: Readable | null;
  readonly stderr: Readable | null;
  readonly exitCode: number | null;
  readonly signalCode: NodeJS.Signals | null;
  /** Sends `killSignal`, then SIGKILL after `forceKillAfterDelay` (execa's escalation). */
  kill(): boolean;
}

/** A spawned child and execa's report of its end, which settles once it exited and its stdio finished. */
export interface SpawnedChild {
  child: Child;
  outcome: Promise<ChildOutcome>;
}

/** Options forwarded to execa as they are. */
export interface SpawnOptions {
  env: Record<string, string | undefined>;
  extendEnv: boolean;
  shell: boolean | string;
  killSignal: NodeJS.Signals | number;
  /** Ms from `killSignal` to SIGKILL; false: never. */
  forceKillAfterDelay: number | false;
  cwd: string;
  /** A number is an open file descriptor the child gets as fd 0 (a FIFO's read end). */
  stdin: ChildStdin | number;
  stdout: OutputMode;
  stderr: OutputMode;
}

/**
 * Spawns `file` through execa, the project's chosen spawner; piped stdout and stderr are paused,
 * so that no byte is read before pipemux attaches its readers (execa would otherwise resume unread
 * streams on its own). The timeout, the cancelSignal and the kill when this process exits are
 * pipemux's own (see `ChildRun`): `timedOut` then says what happened to the child, and `killTree`
 * reaches its descendants too. execa's per-spawn work costs ~2.5 ms of CPU a child, more than the
 * spawn itself (benchmarks/RESULTS.md, scenario 8): the price of its portability (Windows
 * shebangs and PATHEXT through cross-spawn, its kill escalation, its typed spawn errors).
 */
export function spawnChild(file: string, args: readonly string[], options: SpawnOptions): SpawnedChild {
  const subprocess = execa(file, args, {
    cwd: options.cwd,
    env: options.env,
    extendEnv: options.extendEnv,
    killSignal: options.killSignal,
    forceKillAfterDelay: options.forceKillAfterDelay,
    shell: options.shell,
    stdin: options.stdin as ChildStdin,
    stdout: options.stdout,
    stderr: options.stderr,
    encoding: 'buffer',
    buffer: false,
    reject: false,
    stripFinalNewline: false,
    windowsHide: true,
    // Ours does, with SIGKILL for a child that ignores killSignal (tree/exitReaper.ts); execa's sends killSignal only.
    cleanup: false,
  });
  subprocess.stdout?.pause();
  subprocess.stderr?.pause();
  const outcome = subprocess.then(
    (result) => ({
      code: (result as { code?: string }).code,
      cause: (result as { cause?: unknown }).cause,
      systemMessage: (result as { originalMessage?: string }).originalMessage,
    }),
    (error: Error & { code?: string; originalMessage?: string }) => ({ code: error.code, cause: error, systemMessage: error.originalMessage }),
  );
  return { child: subprocess as unknown as Child, outcome };
}
