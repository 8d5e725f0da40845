import type { Writable } from 'node:stream';
import type { Observable } from 'rxjs';

/** The two output streams of a child. */
export type OutputStreamName = 'stdout' | 'stderr';

/** The first event of every timeline: the child is running. */
export interface SpawnEvent {
  type: 'spawn';
  /** The child's process id. */
  pid: number;
  /** The command as it was run, for messages (file and arguments, quoted where needed). */
  command: string;
  /** Path of the named pipe connected to the child's stdin (with `stdin: { fifo: true }`). */
  fifoPath?: string;
  /** What the child has on fds 0, 1 and 2 and whether it has a controlling terminal (see `describeTty`). */
  tty: TtyReport;
  /** With `lineBuffered: true`: which remedies for block buffering were applied, and which could not be. */
  lineBuffering?: LineBufferingReport;
  /** With the `remote` option: where the command runs. `pid` above is then the local `ssh` process. */
  remote?: RemoteSpawn;
  /** Milliseconds since spawn (always close to 0 here). */
  time: number;
}

/** Where a remote command runs (the spawn event's `remote` field). */
export interface RemoteSpawn {
  host: string;
  user?: string;
  port?: number;
  /** The command's process id on the host. */
  pid: number;
  /**
   * Its process group there, led by pipemux's wrapper shell (the command's parent, which reports
   * its exit status): stopping the run signals this group as a whole, so the command's children too.
   */
  pgid: number;
}

/**
 * What one of the child's fds 0-2 is. `'socket'` is what Node gives a child for piped stdio (libuv
 * makes socketpairs); `'pipe'` is an anonymous pipe; `'fifo'` a named pipe; `'null'` is /dev/null.
 */
export type FdKind = 'pipe' | 'fifo' | 'file' | 'tty' | 'socket' | 'null' | 'closed' | 'unknown';

/** One of the child's standard fds, as the child sees it. */
export interface FdReport {
  kind: FdKind;
  /** What `isatty()` on this fd returns in the child: true only for a terminal. */
  isatty: boolean;
  /** The path (file, FIFO, terminal, /dev/null) or the kernel's name (`pipe:[123]`, `socket:[123]`), when known. */
  target?: string;
}

/**
 * What the child sees on fds 0, 1 and 2: the reason a program behaves differently under pipemux
 * than in your shell. `describeTty(report)` puts it into words.
 */
export interface TtyReport {
  stdin: FdReport;
  stdout: FdReport;
  stderr: FdReport;
  /** The child can open `/dev/tty` (it has a controlling terminal), as fzf, ssh and sudo do to talk to the user. */
  controllingTerminal: boolean;
  /** Whether this process's own fds 0, 1 and 2 are terminals (what your program sees). */
  parent: { stdin: boolean; stdout: boolean; stderr: boolean };
  /**
   * `'proc'`: read from the running child (Linux `/proc/<pid>`). `'config'`: derived from how it was
   * spawned, because the child had already exited or there is no /proc (macOS). `'remote'`: seen by
   * the command on the remote host (the `remote` option); `parent` is still this process.
   */
  source: 'proc' | 'config' | 'remote';
}

/**
 * What `lineBuffered: true` did. `'stdbuf'`: coreutils' stdbuf library is preloaded, so programs
 * using glibc's stdio (grep, sed, find, awk, C programs) write stdout line by line (stderr stays
 * unbuffered, as they have it, so a prompt or progress drawn there shows at once);
 * `'PYTHONUNBUFFERED'`: Python writes at once.
 */
export interface LineBufferingReport {
  applied: ('stdbuf' | 'PYTHONUNBUFFERED')[];
  /** Why a remedy could not be applied here, e.g. `'stdbuf was not found (install coreutils)'`. */
  notApplied: string[];
}

/**
 * Where a child's stdout or stderr goes. `'pipe'`: pipemux reads it (events, tee); `'inherit'`:
 * the child writes straight to this process's fd (a terminal shows it as it is: the interface of
 * fzf, a progress bar); `'ignore'`: /dev/null.
 */
export type OutputMode = 'pipe' | 'inherit' | 'ignore';

/** The `color` option: `'auto'` leaves the environment alone; `'always'` / `'never'` set the usual variables. */
export type ColorPolicy = 'auto' | 'always' | 'never';

/** Input pipemux wrote to the child's stdin (only with `echoInput: true`). */
export interface StdinEvent {
  type: 'stdin';
  data: string | Buffer;
  /** Shares the counter of the data events: the order of input and output on one timeline. */
  seq: number;
  /** Milliseconds since spawn when the data was handed to the pipe. */
  time: number;
}

/**
 * Output of the child. In line mode `data` is one line (a string without its `\n` or `\r\n`);
 * in chunk mode it is a Buffer exactly as read from the pipe.
 */
export interface OutputEvent<D extends string | Buffer = string | Buffer> {
  type: OutputStreamName;
  data: D;
  /** Increases by one per data event across all streams: the merged arrival order. */
  seq: number;
  /** Milliseconds since spawn, read once per chunk (lines that arrived together share it). */
  time: number;
  /**
   * Line mode only: present (and `true`) when this is a piece of a line, not a whole one: a
   * piece of a line longer than `maxLineLength`, or an unfinished line handed over after
   * `flushPartialAfter` ms (a prompt, a progress step). The line goes on in the next event of the
   * same stream; the last piece of a line has no `partial` field. A partial piece that is the
   * last event of its stream was cut off: the stream was closed before the line ended
   * (`pipesHeldOpen`, a failed or stopped run).
   */
  partial?: true;
}

/** The last value of every timeline: the child has exited and all its output was delivered. */
export interface ExitEvent {
  type: 'exit';
  /** Exit code, or `null` when the child was ended by a signal. */
  code: number | null;
  /** Name of the signal that ended the child (`'SIGTERM'`), or `null`. */
  signal: string | null;
  /**
   * True when the `timeout` expired while the child was still running and pipemux sent it
   * `killSignal`. `code` and `signal` then say how it ended (a child that handles the signal may
   * still exit with a code of its own). False when the child had exited before the timeout, also
   * when its pipes stayed open longer (a grandchild). A child that exits on its own at the very
   * instant the time is up may still be sent the signal, and is then reported timed out with its
   * own exit code: no API tells a process that is exiting from one that runs.
   */
  timedOut: boolean;
  /**
   * Streams that were still held open after the child exited (by a grandchild that inherited
   * them) and that pipemux closed after `drainTimeout` ms without output. Output written to them
   * after that is not delivered. Absent when every stream ended with the child.
   */
  pipesHeldOpen?: OutputStreamName[];
  /** Milliseconds from spawn to the child's exit. */
  durationMs: number;
  /** Milliseconds since spawn when this event was emitted. */
  time: number;
}

/** Everything that happens to one child, in order: `spawn`, data events, `exit`. */
export type MuxEvent<D extends string | Buffer = string | Buffer> = SpawnEvent | OutputEvent<D> | StdinEvent | ExitEvent;

/** Encodings whose newline is the single byte 0x0A, so lines can be cut on bytes. */
export type LineEncoding = 'utf8' | 'utf-8' | 'latin1' | 'ascii';

/** What to do with a line longer than `maxLineLength` bytes. */
export type LongLinePolicy = 'split' | 'error';

/** A file to copy output into; opened (and created) before the child is spawned. */
export interface FileSinkSpec {
  path: string;
  /** Append to the file instead of truncating it. Default `false`. */
  append?: boolean;
  /** Permission bits applied to the file (exactly: not masked by the umask), e.g. `0o600`. */
  mode?: number;
}

/** A caller's stream; pipemux waits for its pending writes but ends it only if `end` is true. */
export interface StreamSinkSpec {
  stream: Writable;
  /** End the stream when the child's output ends. Default `false`; never done for process.stdout/stderr. */
  end?: boolean;
}

/** Where a tee copies bytes: a file path, a file with options, a Writable, or a Writable with options. */
export type SinkSpec = string | FileSinkSpec | Writable | StreamSinkSpec;

/**
 * The `tee` option: copies of the child's raw output bytes, before line decoding.
 * `all` gets stdout and stderr interleaved in arrival order (chunk granularity).
 */
export interface TeeOptions {
  stdout?: SinkSpec | SinkSpec[];
  stderr?: SinkSpec | SinkSpec[];
  all?: SinkSpec | SinkSpec[];
}

/**
 * One piece of input for the child's stdin. A string or a Buffer is written as it is (add your own
 * newlines); an array of strings is a batch of items written as lines (`'a\nb\n'`) in one write.
 */
export type StdinItem = string | Uint8Array | readonly string[];

/**
 * Input written to the child's stdin in order; its end is EOF for the child. A string or Buffer is
 * written once. An iterable or async iterable (a generator, a Node Readable) is pulled only as fast
 * as the child reads. An Observable cannot be paused: what it emits while the pipe is full waits in memory.
 */
export type StdinSource = string | Uint8Array | Iterable<StdinItem> | AsyncIterable<StdinItem> | Observable<StdinItem>;

/**
 * `stdin: { fifo: true }`: the child reads a named pipe that pipemux creates with mode 0600 in a
 * fresh 0700 temp dir and announces as `fifoPath` in the spawn event. Any process may write into
 * it, any number of times. pipemux holds a writer open, so the child gets EOF only after `source`
 * completes and every external writer closed; without `source` input stays open until the child
 * exits or the subscription ends. The FIFO and its dir are removed on every way out.
 */
export interface FifoStdin {
  fifo: true;
  /** Written into the FIFO too; when it completes pipemux closes its writer. */
  source?: StdinSource;
  /**
   * Directory in which the private temp dir is made. Default `os.tmpdir()`. A relative path is
   * resolved when `pipemux()` is called (a later chdir moves neither the FIFO nor its removal).
   */
  dir?: string;
}

/**
 * The `stdin` option: `'ignore'` (EOF at once), `'inherit'`, a {@link StdinSource} or a {@link FifoStdin}.
 * Any other string is data, as in {@link StdinSource}: `string & {}` stands for it so that editors still
 * offer `'ignore'` and `'inherit'` as completions (a plain `string` would swallow them).
 */
export type StdinOption = 'ignore' | 'inherit' | (string & {}) | Exclude<StdinSource, string> | FifoStdin;

/** Options of {@link pipemux}. */
export interface PipemuxOptions {
  /**
   * Copy the child's raw output bytes (before line decoding, in both modes) to files and
   * streams: `{ stdout?, stderr?, all? }`, each a sink or an array of sinks. A sink is a path,
   * `{ path, append?, mode? }`, a Writable, or `{ stream, end? }`. Files are opened (and their
   * `mode` applied) before the child is spawned and before any of them is truncated: a bad path
   * errors with a `TeeSinkError`, the command is not run and the other files stay as they were.
   * Files are flushed and closed before the exit event. A full sink pauses the child's pipe until it
   * drains; a Writable destroyed before the run is done with it is a `TeeSinkError`. Caller's
   * streams are flushed but ended only with `end: true` (never process.stdout/stderr).
   * A path naming an existing FIFO is opened without waiting (`TeeSinkError` ENXIO if nobody reads
   * it), and closed at once when the run is stopped.
   */
  tee?: TeeOptions;
  /** `'lines'` (default): one event per line, as a string. `'chunks'`: raw Buffers as read. */
  mode?: 'lines' | 'chunks';
  /**
   * Where the child's stdout goes: `'pipe'` (default: events and tee), `'inherit'` (straight to
   * this process's stdout, no events: a terminal shows it as it is), `'ignore'` (/dev/null).
   * A tee of a stream that is not piped is an `InvalidOptionError`.
   */
  stdout?: OutputMode;
  /**
   * Where the child's stderr goes, as for `stdout`. Programs that draw an interface on stderr
   * (fzf, progress bars, pagers' prompts) need `'inherit'` to show it on your terminal.
   *
   * @example
   * ```ts
   * // fzf draws on stderr and reads keys from /dev/tty; its selection comes back as stdout lines
   * pipemux('fzf', [], { stdin: { fifo: true, source: items }, stderr: 'inherit' });
   * ```
   */
  stderr?: OutputMode;
  /**
   * Line mode: hand over an unfinished line (one whose newline has not come yet) once it waited
   * this many ms with no more bytes, as an event marked `partial: true`; the rest of the line
   * comes in later events, the last one not marked. For prompts (`Continue? [y/N] `) and `\r`
   * progress steps. Default: none, a line is held until its newline. Costs nothing while lines
   * end normally (a timer is armed only while a line is left unfinished). At most 2^31-1.
   */
  flushPartialAfter?: number;
  /**
   * Apply the known remedies for block buffering (output that arrives late, in 4 KiB bursts,
   * because stdout is not a terminal): preload coreutils' stdbuf library for a line-buffered
   * stdout (programs using glibc's stdio: grep, sed, find, awk, most C programs; their stderr
   * stays unbuffered, so prompts there show at once) and
   * set `PYTHONUNBUFFERED=1`. The spawn event's `lineBuffering` says what was applied. Programs
   * with their own buffering (perl, mawk, Go or Rust programs that buffer explicitly) and
   * setuid or static binaries (they ignore the preload) cannot be helped this way. The command,
   * its pid, its errors and its exit status stay its own: no wrapper process is run. Default `false`.
   */
  lineBuffered?: boolean;
  /** Line mode: how bytes are decoded. Default `'utf8'` (invalid sequences become U+FFFD). */
  encoding?: LineEncoding;
  /**
   * Line mode: longest line in bytes (without its newline) delivered as one event. Default 16 MiB;
   * at most `buffer.constants.MAX_STRING_LENGTH` (a line becomes one string).
   */
  maxLineLength?: number;
  /**
   * Line mode: `'split'` (default) delivers a longer line in consecutive pieces of at most
   * `maxLineLength` bytes, all but the last marked `partial: true`, so nothing is lost and memory
   * stays bounded. `'error'` ends the timeline with a `LineTooLongError` and kills the child.
   */
  longLines?: LongLinePolicy;
  /** Working directory of the child. Checked before spawning. */
  cwd?: string | URL;
  /** Environment variables of the child (merged into `process.env` unless `extendEnv: false`). */
  env?: Record<string, string | undefined>;
  /** Merge `env` into the parent's environment (default `true`). */
  extendEnv?: boolean;
  /**
   * Kill the child (with `killSignal`) if it still runs this many milliseconds after spawn (at
   * most 2^31-1, Node's longest timer); the exit event then says `timedOut: true`. Default: no timeout.
   */
  timeout?: number;
  /** Kill the child (with `killSignal`) when this signal aborts. */
  cancelSignal?: AbortSignal;
  /** Signal used to end the child on unsubscribe, timeout or cancel. Default `'SIGTERM'`. */
  killSignal?: NodeJS.Signals | number;
  /**
   * Send SIGKILL this many ms (at most 2^31-1) after `killSignal` if the child is still alive (default
   * 5000; `false`: never). When this process exits (SIGINT, SIGTERM, SIGHUP, `process.exit`, an
   * uncaught exception) its running children get `killSignal`, and SIGKILL after this delay but at
   * most 1000 ms later: an exit handler cannot wait long.
   */
  forceKillAfterDelay?: number | boolean;
  /**
   * On unsubscribe, timeout, cancel and failure (and when this process exits), end the child's
   * descendants too, with the same `killSignal` → `forceKillAfterDelay` → SIGKILL escalation.
   * They are found through /proc (or `ps` where there is none) while the child still runs; those
   * still running at SIGKILL time are frozen with SIGSTOP first, so none can fork away. The child
   * is not put in a new process group (a child reading /dev/tty outside the terminal's
   * foreground group would get SIGTTIN). A child that exits by itself is not a kill: what it left
   * running (a daemon) is left alone. Default `false`.
   *
   * @example
   * ```ts
   * // `npm run dev` starts node, which starts a watcher: unsubscribing ends all three
   * const subscription = pipemux('npm', ['run', 'dev'], { killTree: true }).subscribe(console.log);
   * subscription.unsubscribe();
   * ```
   */
  killTree?: boolean;
  /** Run the command through a shell. Off unless asked: `true` (`/bin/sh`) or a shell's path. */
  shell?: boolean | string;
  /** `true`: after the exit event, error the timeline with an `ExitError` when the child failed. Default `false`. */
  reject?: boolean;
  /**
   * After the child exited, how many milliseconds its stdout and stderr may stay open **without
   * output**. A grandchild that inherited them can hold them open forever; after this long
   * without a byte pipemux closes its ends and reports them in `exit.pipesHeldOpen`. Output that
   * keeps coming (or a subscriber slow to take it) restarts the wait; time paused by
   * backpressure does not count. Default 2000, at most 2^31-1.
   */
  drainTimeout?: number;
  /**
   * What the child reads on stdin. `'ignore'` (default: EOF at once), `'inherit'`, data to write
   * (a string or Buffer, an iterable, an async iterable or an Observable of {@link StdinItem}s;
   * its end is EOF), or `{ fifo: true, source?, dir? }` for a named pipe other processes can write
   * into (see {@link FifoStdin}). Writes wait for the pipe to drain. A child that exits without
   * reading everything is not an error. The strings `'ignore'` and `'inherit'` are modes: send such
   * text as a Buffer.
   *
   * @example
   * ```ts
   * pipemux('fzf', ['--filter', 'ap'], { stdin: [['apple', 'banana'], ['grape']] });
   * pipemux('cat', [], { stdin: { fifo: true } }); // then: echo hi > "$fifoPath"
   * ```
   */
  stdin?: StdinOption;
  /** Put `stdin` events (what pipemux wrote to the child, with `seq` and `time`) on the timeline. Default `false`. */
  echoInput?: boolean;
  /**
   * Colour policy for the child, set through environment variables (`TERM` is never touched);
   * these win over the same variables in `env`.
   * - `'auto'` (default): the environment is left as it is.
   * - `'always'`: sets `FORCE_COLOR=1` and `CLICOLOR_FORCE=1` and removes `NO_COLOR`.
   * - `'never'`: sets `NO_COLOR=1` and removes `FORCE_COLOR` and `CLICOLOR_FORCE`.
   *
   * Who reads what. `FORCE_COLOR`: Node.js itself (console, `util.inspect`, `tty` colour depth),
   * chalk and supports-color, Python 3.13+ (its tracebacks and REPL). `CLICOLOR_FORCE`: CMake, BSD and
   * macOS `ls` (which also wants a colour-capable `TERM`) and other tools following the clicolors
   * convention (bixense.com/clicolors). `NO_COLOR` (no-color.org): Node.js, Python 3.13+, CMake and
   * the tools listed on no-color.org. GNU `ls` and `grep` and `git` read none of them: pass
   * `--color=always` (`git -c color.ui=always`). A program that only checks `isatty()` needs a pty.
   *
   * @example
   * ```ts
   * // chalk, Node.js and Python 3.13+ keep their colours although stdout is not a terminal
   * pipemux('npm', ['test'], { color: 'always' });
   * ```
   */
  color?: ColorPolicy;
  /**
   * Run the command on another host through the system's OpenSSH client (`ssh -T`, `BatchMode=yes`: no
   * terminal, no prompts), every argument quoted for the remote shell so that it arrives as given.
   * Children on the same host share one connection (closed when the last of them ended). Stopping
   * the run (unsubscribe, `timeout`, `cancelSignal`) signals the command's process group **on the
   * host**, not only the local ssh. `cwd` and `env` apply on the host; stderr must be piped (pipemux
   * reads the command's pid and status there). ssh's own failure is a {@link RemoteError}.
   *
   * @example
   * ```ts
   * pipemux('df', ['-h', '/'], { remote: { host: 'db1', user: 'deploy' } });
   * ```
   */
  remote?: RemoteOptions;
}

/** The `remote` option: where and how to reach the host. Your `~/.ssh/config` applies as for `ssh`. */
export interface RemoteOptions {
  /** Host name, address, or an alias from your ssh config. */
  host: string;
  /** Login name (`ssh -l`). Default: ssh's (your config, or your local user name). */
  user?: string;
  /** Port (`ssh -p`). Default: ssh's (your config, or 22). */
  port?: number;
  /** Private key file (`ssh -i`); only this key is offered (`IdentitiesOnly=yes`). */
  identity?: string;
  /**
   * More OpenSSH options, each passed as `-o Name=value` (a boolean as `yes` / `no`), e.g.
   * `{ StrictHostKeyChecking: 'accept-new', ConnectTimeout: 10 }`. The options pipemux sets itself
   * (`BatchMode`, `ControlMaster`, `ControlPath`, `ControlPersist`, `RequestTTY`, `RemoteCommand`, …) are refused.
   */
  sshOptions?: Readonly<Record<string, string | number | boolean>>;
  /**
   * At most this many commands share one connection; more open another one. sshd allows 10
   * sessions per connection by default (`MaxSessions`), and pipemux keeps room for its kill
   * requests. Default 8.
   */
  maxSessions?: number;
}
