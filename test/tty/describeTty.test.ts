import { describe, expect, it } from 'vitest';
import { describeTty, type FdReport, type TtyReport } from '../../src/index.js';

const socket = (inode: number): FdReport => ({ kind: 'socket', isatty: false, target: `socket:[${inode}]` });
const pts: FdReport = { kind: 'tty', isatty: true, target: '/dev/pts/4' };
const devNull: FdReport = { kind: 'null', isatty: false, target: '/dev/null' };

/** What pipemux gives a child by default, seen from a parent that is not on a terminal. */
function report(changes: Partial<TtyReport> = {}): TtyReport {
  return {
    stdin: devNull,
    stdout: socket(1),
    stderr: socket(2),
    controllingTerminal: false,
    parent: { stdin: false, stdout: false, stderr: false },
    source: 'proc',
    ...changes,
  };
}

const NOT_A_TERMINAL =
  "programs that check isatty turn off colours and progress bars (use color: 'always', or a pty tool if you need them), and C stdio and Python buffer their output in blocks, so it arrives late, in bursts (lineBuffered: true helps).";
const SOCKETS = `stdout and stderr are sockets (Node pipes a child's stdio through a socketpair): ${NOT_A_TERMINAL} Writing to /dev/stdout or /dev/stderr by path fails on a socket (ENXIO).`;
const STDIN_NULL = 'stdin is /dev/null: reads get end-of-file at once, so a program that asks a question gets no answer.';
const NO_CTTY =
  'The child has no controlling terminal: opening /dev/tty fails (ENXIO), so fzf cannot read keys and ssh or sudo cannot prompt for a password there.';
const CTTY =
  'The child has a controlling terminal: programs that talk to the user through /dev/tty (fzf reads its keys there; ssh and sudo ask for passwords there) still can.';
const DRAWS_ON_STDERR =
  "Programs that draw an interface on stderr (fzf, progress bars, pagers' prompts) show nothing on your terminal while stderr is piped: use stderr: 'inherit' (CLI --stderr inherit) for them.";

describe('describeTty', () => {
  it.each<[string, TtyReport, string[]]>([
    ['the default run: output on sockets, stdin /dev/null', report(), [SOCKETS, STDIN_NULL, NO_CTTY]],
    [
      'run from a terminal: says why it differs from the shell',
      report({ controllingTerminal: true, parent: { stdin: true, stdout: true, stderr: true } }),
      [
        SOCKETS,
        STDIN_NULL,
        CTTY,
        DRAWS_ON_STDERR,
        "Your stdin, stdout and stderr are terminals but the child's are not: that is why it behaves differently than in your shell.",
      ],
    ],
    [
      'only the parent stdout is a terminal',
      report({ parent: { stdin: false, stdout: true, stderr: false } }),
      [SOCKETS, STDIN_NULL, NO_CTTY, "Your stdout is a terminal but the child's is not: that is why it behaves differently than in your shell."],
    ],
    [
      "stderr: 'inherit' on a terminal: the interface shows, no advice about it",
      report({ stderr: pts, controllingTerminal: true, parent: { stdin: true, stdout: true, stderr: true } }),
      [
        `stdout is a socket (Node pipes a child's stdio through a socketpair): ${NOT_A_TERMINAL.slice(0, -1)}. Writing to /dev/stdout by path fails on a socket (ENXIO).`,
        'stderr is the terminal /dev/pts/4: programs show colours and progress bars as in your shell.',
        STDIN_NULL,
        CTTY,
        "Your stdin and stdout are terminals but the child's are not: that is why it behaves differently than in your shell.",
      ],
    ],
    [
      'everything on a terminal: nothing differs',
      report({ stdin: pts, stdout: pts, stderr: pts, controllingTerminal: true, parent: { stdin: true, stdout: true, stderr: true } }),
      [
        'stdout is the terminal /dev/pts/4: programs show colours and progress bars as in your shell.',
        'stderr is the terminal /dev/pts/4: programs show colours and progress bars as in your shell.',
        'stdin is the terminal /dev/pts/4: the program can read the keyboard and ask questions.',
        CTTY,
      ],
    ],
    [
      'stdin piped, output to anonymous pipes',
      report({ stdin: socket(3), stdout: { kind: 'pipe', isatty: false, target: 'pipe:[8]' }, stderr: { kind: 'pipe', isatty: false, target: 'pipe:[9]' } }),
      [
        `stdout and stderr are pipes: ${NOT_A_TERMINAL}`,
        'stdin is a socket: not a terminal, so programs read it as data (no line editing, no prompts); programs that need the keyboard open /dev/tty instead.',
        NO_CTTY,
      ],
    ],
    [
      'stdin a FIFO, stdout a file, stderr closed',
      report({
        stdin: { kind: 'fifo', isatty: false, target: '/tmp/pm-1/stdin' },
        stdout: { kind: 'file', isatty: false, target: '/tmp/out.log' },
        stderr: { kind: 'closed', isatty: false },
      }),
      [
        `stdout is the file /tmp/out.log: ${NOT_A_TERMINAL}`,
        'stderr is closed: writes fail (EBADF), and the next file the program opens may take its number.',
        'stdin is the named pipe /tmp/pm-1/stdin: not a terminal, so programs read it as data (no line editing, no prompts); programs that need the keyboard open /dev/tty instead.',
        NO_CTTY,
      ],
    ],
    [
      'stdin a file, output to /dev/null',
      report({ stdin: { kind: 'file', isatty: false, target: '/etc/hosts' }, stdout: devNull, stderr: devNull }),
      [
        'stdout and stderr are /dev/null: what the program writes there is discarded.',
        'stdin is the file /etc/hosts: programs read it as data, not as a keyboard.',
        NO_CTTY,
      ],
    ],
    [
      'stdout and stderr the same file',
      report({ stdout: { kind: 'file', isatty: false, target: '/tmp/all.log' }, stderr: { kind: 'file', isatty: false, target: '/tmp/all.log' } }),
      [`stdout and stderr are the file /tmp/all.log: ${NOT_A_TERMINAL}`, STDIN_NULL, NO_CTTY],
    ],
    [
      'stdin closed, something unknown on stdout',
      report({ stdin: { kind: 'closed', isatty: false }, stdout: { kind: 'unknown', isatty: false, target: '/dev/zero' } }),
      [
        `stdout is not a terminal (/dev/zero): ${NOT_A_TERMINAL}`,
        "stderr is a socket (Node pipes a child's stdio through a socketpair): " +
          NOT_A_TERMINAL.slice(0, -1) +
          '. Writing to /dev/stderr by path fails on a socket (ENXIO).',
        'stdin is closed: reads fail (EBADF).',
        NO_CTTY,
      ],
    ],
    [
      'derived from the config: says so',
      report({ source: 'config', stdout: { kind: 'socket', isatty: false }, stderr: { kind: 'socket', isatty: false } }),
      [SOCKETS, STDIN_NULL, NO_CTTY, '(Derived from how the child was spawned: it had already exited, or this system has no /proc.)'],
    ],
  ])('%s', (_name, input, expected) => {
    expect(describeTty(input)).toEqual(expected);
  });
});
