import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { escalationScript, type DoomedGroup } from './escalationScript.js';
import { sshCommand } from './localPrograms.js';
import type { RemoteTarget } from './remoteTarget.js';
import { controlArgs, masterArgs, sessionArgs } from './sshArgs.js';

/** Why a connection could not be opened: ssh's words and status. Internal: remoteRun.ts turns it into a RemoteError. */
export class ConnectFailure extends Error {
  override name = 'ConnectFailure';

  constructor(
    readonly sshMessage: string,
    readonly exitCode: number | null,
  ) {
    super(sshMessage);
  }
}

// ssh's commands over an open connection take milliseconds; one that hangs (a dead link) is ended.
const SSH_COMMAND_TIMEOUT_MS = 15_000;
// At most this much of ssh's stderr is kept for a message.
const MAX_MESSAGE_CHARS = 2000;

let connections = 0;

/**
 * One shared SSH connection: an OpenSSH master (`ControlMaster`) with its control socket in the
 * private directory, started in the background once authenticated. Commands run over it as
 * sessions; {@link signalGroups} sends signals to process groups on the host over it, several
 * requests of one turn of the event loop in one session (sshd allows few sessions per connection).
 */
export class Connection {
  /** Runs holding the connection (waiting for it, running, or finishing their kill). */
  holders = 0;
  /** `broken`: the master went away while in use (no new runs); `failed`: it never connected. */
  state: 'starting' | 'open' | 'broken' | 'failed' | 'closed' = 'starting';
  readonly controlPath: string;
  /** Resolves once connected; rejects with a {@link ConnectFailure}. */
  readonly ready: Promise<void>;
  private starter: ChildProcess | undefined;
  private abandoned = false;
  private pendingSignals = new Map<string, Set<number>>();
  private signalsSent: Promise<void> | undefined;
  private logs = 0;

  constructor(
    readonly target: RemoteTarget,
    readonly dir: string,
  ) {
    this.controlPath = join(dir, `c${++connections}`);
    this.ready = this.start();
    // A failure is the waiters' to report; nobody may be waiting any more.
    this.ready.catch(() => {});
  }

  /** A fresh path for one session's ssh log (`-E`): ssh's own messages, kept out of the command's stderr. */
  logPath(): string {
    return `${this.controlPath}.${++this.logs}.log`;
  }

  /** `[file, args]` of a session that runs `commandLine` on the host. */
  sessionCommand(commandLine: string, logPath: string): Promise<[string, string[]]> {
    return sshCommand(sessionArgs(this.target, this.controlPath, logPath, commandLine));
  }

  /** Sends `signal` (a name without `SIG`) to the process group `pgid` on the host; resolves once the request was carried out (or failed). */
  signalGroups(pgid: number, signal: string): Promise<void> {
    if (this.pendingSignals.size === 0) this.signalsSent = new Promise<void>((resolve) => setImmediate(() => void this.sendSignals().finally(resolve)));
    const groups = this.pendingSignals.get(signal) ?? new Set<number>();
    groups.add(pgid);
    this.pendingSignals.set(signal, groups);
    return this.signalsSent!;
  }

  /**
   * Ends a group whose end nothing will report (its local ssh is gone): its signal now, SIGKILL for
   * what is left after `waitMs` (unless `waitMs` is false), in one session on the host that returns
   * as soon as the group is gone.
   */
  async endGroup(group: DoomedGroup, waitMs: number | false): Promise<void> {
    const script = escalationScript([group], waitMs === false ? 0 : waitMs, waitMs === false ? 'none' : 'SIGKILL');
    const [file, args] = await this.sessionCommand(script, '/dev/null');
    await runQuietly(file, args, (waitMs === false ? 0 : waitMs) + SSH_COMMAND_TIMEOUT_MS);
  }

  /** A session ended without the command's status: if the master is gone, no run may use this connection any more. */
  async checkAlive(): Promise<void> {
    if (this.state !== 'open') return;
    const [file, args] = await sshCommand(controlArgs(this.target, this.controlPath, 'check'));
    if ((await runQuietly(file, args)) !== 0 && this.state === 'open') this.state = 'broken';
  }

  /**
   * Nobody needs the connection any more: closes the master (`ssh -O exit`), or stops a start (and
   * closes the master if it got to the background meanwhile). Resolves once it is down.
   */
  async close(): Promise<void> {
    if (this.state === 'starting') {
      this.abandoned = true;
      this.starter?.kill('SIGTERM');
      return this.ready.then(
        () => {},
        () => {},
      );
    }
    const mayRun = this.state === 'open' || this.state === 'broken';
    this.state = 'closed';
    if (mayRun) await this.exitMaster();
  }

  /**
   * The same, when this process exits: stops a start, and gives the arguments of the `ssh -O exit`
   * that closes the master (the exit handler runs every connection's at once), or undefined when
   * there is no master to close.
   */
  closeOnExit(): string[] | undefined {
    this.starter?.kill('SIGTERM');
    // A start may have put a master in the background just now: ask it too.
    if (this.state === 'failed' || this.state === 'closed') return undefined;
    this.state = 'closed';
    return controlArgs(this.target, this.controlPath, 'exit');
  }

  private async start(): Promise<void> {
    const [file, args] = await sshCommand(masterArgs(this.target, this.controlPath));
    const stopped = () => new ConnectFailure('stopped before it was connected', null);
    if (this.abandoned) {
      this.state = 'closed';
      throw stopped();
    }
    const child = spawn(file, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    this.starter = child;
    let message = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      if (message.length < MAX_MESSAGE_CHARS) message += text;
    });
    const stderrClosed = new Promise((resolve) => child.stderr.once('close', resolve));
    const [code, spawnError] = await new Promise<[number | null, Error | undefined]>((resolve) => {
      child.once('error', (error) => resolve([null, error]));
      child.once('exit', (exitCode) => {
        // Connected: the master went to the background with /dev/null as stdio; nothing more to read.
        if (exitCode === 0) return resolve([0, undefined]);
        void stderrClosed.then(() => resolve([exitCode, undefined]));
      });
    });
    child.stderr.destroy();
    this.starter = undefined;
    if (this.abandoned) {
      // Stopped while it connected: the master may have gone to the background just before.
      await this.exitMaster();
      this.state = 'closed';
      throw stopped();
    }
    if (code === 0) {
      this.state = 'open';
      return;
    }
    this.state = 'failed';
    throw new ConnectFailure(spawnError !== undefined ? `cannot run ssh: ${spawnError.message}` : message.trim(), code);
  }

  private async exitMaster(): Promise<void> {
    const [file, args] = await sshCommand(controlArgs(this.target, this.controlPath, 'exit'));
    await runQuietly(file, args);
  }

  private async sendSignals(): Promise<void> {
    const requests = [...this.pendingSignals];
    this.pendingSignals = new Map();
    // One `kill` per signal; a group that is gone already makes its `kill` fail, not the others.
    const line = requests.map(([signal, groups]) => `kill -s ${signal} -- ${[...groups].map((pgid) => `-${pgid}`).join(' ')} 2>/dev/null`).join('; ');
    const [file, args] = await this.sessionCommand(`${line}; exit 0`, '/dev/null');
    await runQuietly(file, args);
  }
}

/** Runs an ssh command with nothing to read, bounded in time; resolves with its exit code (null: it did not exit by itself), never rejects. */
function runQuietly(file: string, args: readonly string[], timeout = SSH_COMMAND_TIMEOUT_MS): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { stdio: 'ignore', timeout: Math.ceil(timeout) });
    child.once('error', () => resolve(null));
    child.once('exit', (code) => resolve(code));
  });
}
