import type { ChildStdin } from '../process/spawnChild.js';
import type { FdReport } from '../types.js';
import { describeOwnFd, hasOwnControllingTerminal } from './ownFds.js';
import type { ChildStdioReport } from './readProcStdio.js';

/**
 * What the child gets by the way it is spawned: the report when /proc cannot tell (the child has
 * already exited, or the system has no /proc). stdout and stderr are always piped; `stdin` is the
 * value the child was spawned with (a number is the read end of a FIFO that pipemux opened).
 */
export async function reportStdioConfig(stdin: ChildStdin | number, procRoot: string): Promise<ChildStdioReport> {
  const [stdinReport, controllingTerminal] = await Promise.all([
    describeConfiguredStdin(stdin, procRoot),
    // pipemux never detaches the child: it stays in our session and shares our controlling terminal.
    hasOwnControllingTerminal(procRoot),
  ]);
  return { stdin: stdinReport, stdout: piped(), stderr: piped(), controllingTerminal };
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
