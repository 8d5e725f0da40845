import type { FdReport, TtyReport } from '../types.js';

type StdioName = 'stdin' | 'stdout' | 'stderr';

const NOT_A_TERMINAL_OUTPUT =
  "programs that check isatty turn off colours and progress bars (use color: 'always', or a pty tool if you need them), and C stdio and Python buffer their output in blocks, so it arrives late, in bursts (lineBuffered: true helps)";

/**
 * Puts a {@link TtyReport} into a few plain sentences: what the child has on fds 0-2, what
 * programs do about it, and where that differs from this process (your shell).
 *
 * @example
 * ```ts
 * import { filter, take } from 'rxjs';
 * import { describeTty, pipemux } from 'pipemux';
 *
 * pipemux('ls', ['--color=auto']).pipe(filter((e) => e.type === 'spawn'), take(1))
 *   .subscribe((spawn) => console.log(describeTty(spawn.tty).join('\n')));
 * // stdout and stderr are sockets (Node pipes a child's stdio through a socketpair): programs that check isatty …
 * ```
 */
export function describeTty(report: TtyReport): string[] {
  const lines = describeOutputs(report);
  lines.push(describeStdin(report.stdin));
  lines.push(
    report.controllingTerminal
      ? 'The child has a controlling terminal: programs that talk to the user through /dev/tty (fzf reads its keys there; ssh and sudo ask for passwords there) still can.'
      : 'The child has no controlling terminal: opening /dev/tty fails (ENXIO), so fzf cannot read keys and ssh or sudo cannot prompt for a password there.',
  );
  if (report.stderr.kind !== 'tty' && report.parent.stderr) {
    lines.push(
      "Programs that draw an interface on stderr (fzf, progress bars, pagers' prompts) show nothing on your terminal while stderr is piped: use stderr: 'inherit' (CLI --stderr inherit) for them.",
    );
  }
  const differing = (['stdin', 'stdout', 'stderr'] as const).filter((name) => report.parent[name] && !report[name].isatty);
  if (differing.length > 0) {
    const one = differing.length === 1;
    lines.push(
      `Your ${joinNames(differing)} ${one ? 'is a terminal' : 'are terminals'} but the child's ${one ? 'is' : 'are'} not: that is why it behaves differently than in your shell.`,
    );
  }
  if (report.source === 'config') lines.push('(Derived from how the child was spawned: it had already exited, or this system has no /proc.)');
  if (report.source === 'remote') lines.push('(Seen on the remote host, where ssh runs the command without a terminal: its fds are what sshd gave it.)');
  return lines;
}

function describeOutputs(report: TtyReport): string[] {
  const { stdout, stderr } = report;
  // Two pipes or sockets read alike whatever their inode; two files only when they are the same file.
  const sameTarget = stdout.kind === 'pipe' || stdout.kind === 'socket' || stdout.target === stderr.target;
  if (stdout.kind === stderr.kind && stdout.kind !== 'tty' && sameTarget) {
    return [describeOutput(['stdout', 'stderr'], stdout)];
  }
  return [describeOutput(['stdout'], stdout), describeOutput(['stderr'], stderr)];
}

function describeOutput(names: StdioName[], fd: FdReport): string {
  const both = names.length > 1;
  const subject = `${joinNames(names)} ${both ? 'are' : 'is'}`;
  switch (fd.kind) {
    case 'tty':
      return `${subject} the terminal ${fd.target ?? ''}`.trimEnd() + ': programs show colours and progress bars as in your shell.';
    case 'null':
      return `${subject} /dev/null: what the program writes there is discarded.`;
    case 'closed':
      return `${subject} closed: writes fail (EBADF), and the next file the program opens may take ${both ? 'their numbers' : 'its number'}.`;
    case 'socket':
      return (
        `${subject} ${both ? 'sockets' : 'a socket'} (Node pipes a child's stdio through a socketpair): ${NOT_A_TERMINAL_OUTPUT}. ` +
        `Writing to ${names.map((name) => `/dev/${name}`).join(' or ')} by path fails on a socket (ENXIO).`
      );
    default:
      return `${subject} ${nameOf(fd, both)}: ${NOT_A_TERMINAL_OUTPUT}.`;
  }
}

function describeStdin(fd: FdReport): string {
  switch (fd.kind) {
    case 'tty':
      return `stdin is the terminal ${fd.target ?? ''}`.trimEnd() + ': the program can read the keyboard and ask questions.';
    case 'null':
      return 'stdin is /dev/null: reads get end-of-file at once, so a program that asks a question gets no answer.';
    case 'closed':
      return 'stdin is closed: reads fail (EBADF).';
    case 'file':
      return `stdin is ${nameOf(fd, false)}: programs read it as data, not as a keyboard.`;
    default:
      return `stdin is ${nameOf(fd, false)}: not a terminal, so programs read it as data (no line editing, no prompts); programs that need the keyboard open /dev/tty instead.`;
  }
}

/** "a pipe", "the file /tmp/x", … (plural for stdout and stderr together). */
function nameOf(fd: FdReport, plural: boolean): string {
  const target = fd.target === undefined ? '' : ` ${fd.target}`;
  switch (fd.kind) {
    case 'pipe':
      return plural ? 'pipes' : 'a pipe';
    case 'socket':
      return plural ? 'sockets' : 'a socket';
    case 'fifo':
      return `the named pipe${target}`;
    case 'file':
      return `the file${target}`;
    default:
      return `not a terminal${fd.target === undefined ? '' : ` (${fd.target})`}`;
  }
}

function joinNames(names: readonly string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
