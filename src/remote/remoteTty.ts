import { parentIsatty } from '../tty/ownFds.js';
import type { FdKind, FdReport, LineBufferingReport, TtyReport } from '../types.js';
import type { WrapperRecord } from './wrapperRecords.js';

type StartRecord = Extract<WrapperRecord, { kind: 'start' }>;

const KINDS: Record<string, FdKind> = { t: 'tty', p: 'pipe', s: 'socket', f: 'file', n: 'null', u: 'unknown', '-': 'closed' };

/** What the command sees on fds 0-2 on the host, as the wrapper looked there before running it. */
export function remoteTty(start: StartRecord): TtyReport {
  const fd = (letter: string): FdReport => ({ kind: KINDS[letter] ?? 'unknown', isatty: letter === 't' });
  return {
    stdin: fd(start.fds[0]!),
    stdout: fd(start.fds[1]!),
    stderr: fd(start.fds[2]!),
    controllingTerminal: start.controllingTerminal,
    parent: parentIsatty(),
    source: 'remote',
  };
}

/** The spawn event's `lineBuffering` for a remote command: stdbuf if the host has it, and PYTHONUNBUFFERED. */
export function remoteLineBuffering(start: StartRecord, host: string): LineBufferingReport {
  if (start.lineBuffering === 'stdbuf') return { applied: ['stdbuf', 'PYTHONUNBUFFERED'], notApplied: [] };
  return { applied: ['PYTHONUNBUFFERED'], notApplied: [`stdbuf was not found on ${host} (install coreutils there)`] };
}

/** Stands in for the local tty report (about ssh) until the remote one is known; never shown. */
export const NO_TTY_REPORT: TtyReport = {
  stdin: { kind: 'unknown', isatty: false },
  stdout: { kind: 'unknown', isatty: false },
  stderr: { kind: 'unknown', isatty: false },
  controllingTerminal: false,
  parent: { stdin: false, stdout: false, stderr: false },
  source: 'remote',
};
