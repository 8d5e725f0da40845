import { constants } from 'node:os';
import { CanceledError, CommandNotExecutableError, CommandNotFoundError, ExitError, InvalidCwdError, PipemuxError, RemoteError } from '../errors.js';
import type { ExitEvent } from '../types.js';
import type { RemotePlan } from './remotePlan.js';

/** What a remote run learned by the time the local ssh was done. */
export interface RemoteFacts {
  started: boolean;
  /** `nocwd`, `notfound` or `notexec`: the wrapper did not run the command. */
  startFailure: 'nocwd' | 'notfound' | 'notexec' | undefined;
  /** The command's status as the wrapper reported it (a shell's 128+n for signal n). */
  status: number | undefined;
  /** Signals pipemux sent to the command's group, by name. */
  sent: ReadonlySet<NodeJS.Signals>;
  /** How the local ssh ended (undefined when it did not get that far). */
  localExit: Pick<ExitEvent, 'code' | 'signal'> | undefined;
  /** ssh's own words (its log), and what came on stderr before the command started (the login shell's complaints). */
  sshMessage: string;
  stderrBeforeStart: string;
}

/** The command's exit code and signal, or the error that takes the place of the exit event. */
export type RemoteOutcome = { code: number | null; signal: NodeJS.Signals | null } | { error: PipemuxError };

/**
 * Reads the facts as a local child's end would read: the wrapper's status is the command's (128+n
 * is signal n when pipemux sent it that signal: a shell cannot tell the two apart otherwise); no
 * status after pipemux's SIGKILL (which ends the wrapper too) is SIGKILL; a status ssh passes on
 * other than 255 is the command's (it ran `exec`); anything else is ssh's failure, a {@link RemoteError}.
 */
export function remoteOutcome(plan: RemotePlan, facts: RemoteFacts): RemoteOutcome {
  const { command, cwdLabel, target } = plan;
  const context = { command, cwd: cwdLabel };
  if (facts.startFailure === 'notfound') return { error: new CommandNotFoundError(`command not found on ${target.label}`, context) };
  if (facts.startFailure === 'notexec') return { error: new CommandNotExecutableError(`command is not executable on ${target.label}`, context) };
  if (facts.startFailure === 'nocwd')
    return { error: new InvalidCwdError(`its working directory does not exist or cannot be entered on ${target.label}`, context) };
  const sshCode = facts.localExit?.code ?? null;
  const remoteError = (what: string) => {
    const said = facts.sshMessage || facts.stderrBeforeStart;
    return { error: new RemoteError(`${what}${said === '' ? '' : `: ${said}`}`, { ...context, host: target.label, sshMessage: said, exitCode: sshCode }) };
  };
  if (!facts.started) return remoteError(`did not start on ${target.label} (ssh exited with ${facts.localExit?.signal ?? sshCode ?? 'no status'})`);
  if (facts.status !== undefined) {
    for (const signal of facts.sent) if (facts.status === 128 + constants.signals[signal]) return { code: null, signal };
    return { code: facts.status, signal: null };
  }
  if (facts.sent.has('SIGKILL')) return { code: null, signal: 'SIGKILL' };
  if (sshCode !== null && sshCode !== 255) return { code: sshCode, signal: null };
  return remoteError(`the connection to ${target.label} ended before the command reported its status (it was lost, or the command was killed there)`);
}

/** A `cancelSignal` aborted before the command started on the host: it was not run (as for a local child). */
export function canceledError(plan: RemotePlan): CanceledError {
  const { command, cwdLabel, target, cancelSignal } = plan;
  return new CanceledError(`not run on ${target.label}: its cancelSignal was aborted before it started`, {
    command,
    cwd: cwdLabel,
    cause: cancelSignal?.reason,
  });
}

/** With `reject: true`: the command failed on the host (after the exit event). */
export function exitError(plan: RemotePlan, code: number | null, signal: string | null, timedOut: boolean): ExitError {
  const { command, cwdLabel, target } = plan;
  const ended = signal !== null ? `was killed with ${signal}` : `exited with code ${code}`;
  const how = timedOut ? `timed out and ${ended}` : ended;
  return new ExitError(`${how} on ${target.label}`, { command, cwd: cwdLabel, exitCode: code, signal, timedOut });
}
