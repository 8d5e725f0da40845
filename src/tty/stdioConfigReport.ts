import type { ChildStdin, StdioConfig } from '../process/ports.js';
import type { FdReport, OutputMode } from '../types.js';
import { describeOwnFd, hasOwnControllingTerminal } from './ownFds.js';
import type { ChildStdioReport } from './readProcStdio.js';

/**
 * What the child gets by the way it is spawned: the report when /proc cannot tell (the child has
 * already exited, or the system has no /proc). `stdin` is the value the child was spawned with (a
 * number is the read end of a FIFO that pipemux opened); an inherited stream is ours.
 */
export async function reportStdioConfig(stdio: StdioConfig, procRoot: string): Promise<ChildStdioReport> {
  const [stdin, stdout, stderr, controllingTerminal] = await Promise.all([
    describeConfiguredStdin(stdio.stdin, procRoot),
    describeConfiguredOutput(stdio.stdout, 1, procRoot),
    describeConfiguredOutput(stdio.stderr, 2, procRoot),
    // pipemux never detaches the child: it stays in our session and shares our controlling terminal.
    hasOwnControllingTerminal(procRoot),
  ]);
  return { stdin, stdout, stderr, controllingTerminal };
}

async function describeConfiguredOutput(mode: OutputMode, fd: number, procRoot: string): Promise<FdReport> {
  if (mode === 'pipe') return piped();
  if (mode === 'ignore') return { kind: 'null', isatty: false, target: '/dev/null' };
  return describeOwnFd(fd, procRoot);
}

/** Node's `'pipe'` stdio is a socketpair made by libuv, not a pipe(2): that is what the child really gets. */
function piped(): FdReport {
  return { kind: 'socket', isatty: false };
}

async function describeConfiguredStdin(stdin: ChildStdin | number, procRoot: string): Promise<FdReport> {
  if (stdin === 'ignore') return { kind: 'null', isatty: false, target: '/dev/null' };
  if (stdin === 'pipe') return piped();
  if (typeof stdin === 'number') return { kind: 'fifo', isatty: false };
  return describeOwnFd(0, procRoot);
}
