import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { onExit } from 'signal-exit';
import { EXIT_KILL_WAIT_MS } from '../process/tree/exitReaper.js';
import type { Connection } from './connection.js';
import { removeControlDirSync } from './controlDir.js';
import { escalationScript } from './escalationScript.js';
import { shellWords } from './shellWords.js';
import { sessionArgs } from './sshArgs.js';

/** A remote command that may still run: what to end, over which connection, and how. */
export interface RemoteGroup {
  connection: Connection;
  pgid: number;
  /** The kill signal's name without `SIG`. */
  signal: string;
  forceKillAfterDelay: number | false;
}

// Beyond the wait on the hosts: ssh's requests over an open connection take milliseconds; one stuck on a dead link is ended.
const SSH_SLACK_MS = 3000;
// `ssh -O exit` talks to the local master only.
const CLOSE_TIMEOUT_MS = 2000;

const groups = new Set<RemoteGroup>();

/** Ends `group` on the host if this process exits while it may still run; returns the function that forgets it. */
export function trackRemoteGroup(group: RemoteGroup): () => void {
  groups.add(group);
  return () => groups.delete(group);
}

/**
 * While connections are open: when this process exits (a signal, `process.exit`, an uncaught
 * exception, or its natural end), the remote commands still running get their kill signal over
 * their connection, then SIGKILL after `forceKillAfterDelay` but at most 1000 ms later (an exit
 * handler cannot wait long), as local children do; then every master is closed and the private
 * directory removed. All connections at once, in one wait: its length does not grow with their
 * number. Returns the function that stops watching.
 */
export function watchExit(connections: () => Connection[]): () => void {
  return onExit(() => {
    const doomed = [...groups];
    groups.clear();
    let waitMs = 0;
    const chains: string[][][] = [];
    const closes: string[][] = [];
    for (const connection of connections()) {
      const chain: string[][] = [];
      const mine = doomed.filter((group) => group.connection === connection);
      if (mine.length > 0 && connection.state === 'open') {
        const request = killRequest(connection, mine);
        waitMs = Math.max(waitMs, request.waitMs);
        chain.push(request.args);
      }
      const close = connection.closeOnExit();
      if (close !== undefined) {
        chain.push(close);
        closes.push(close);
      }
      if (chain.length > 0) chains.push(chain);
    }
    // A connection whose request hung (a dead link) was not closed: every master is asked again.
    if (runSshSync(chains, waitMs + SSH_SLACK_MS) === 'timed out')
      runSshSync(
        closes.map((close) => [close]),
        CLOSE_TIMEOUT_MS,
      );
    removeControlDirSync();
  });
}

/** The ssh arguments of one session that ends `doomed` on the connection's host, and how long it may wait there before SIGKILL. */
function killRequest(connection: Connection, doomed: RemoteGroup[]): { args: string[]; waitMs: number } {
  const delays = doomed.flatMap((group) => (group.forceKillAfterDelay === false ? [] : [group.forceKillAfterDelay]));
  const waitMs = delays.length === 0 ? 0 : Math.min(EXIT_KILL_WAIT_MS, Math.max(...delays));
  const line = escalationScript(doomed, waitMs, delays.length > 0 ? 'SIGKILL' : 'none');
  return { args: sessionArgs(connection.target, connection.controlPath, '/dev/null', line), waitMs };
}

/**
 * Runs chains of `ssh` commands, all chains at once and the commands of a chain one after the
 * other, under one `/bin/sh`, and waits synchronously (an exit handler can wait no other way) until
 * all ended, at most `timeoutMs`; then ends what is left. The shell and its ssh run in a session of
 * their own (`detached`: setsid), so a signal to our process group (the terminal's next Ctrl-C,
 * SIGTERM or SIGHUP) cannot end them, and they finish their work even if such a signal ends this
 * process meanwhile.
 */
function runSshSync(chains: string[][][], timeoutMs: number): 'done' | 'timed out' {
  if (chains.length === 0) return 'done';
  const line = `${chains.map((chain) => `{ ${chain.map((args) => shellWords(['ssh', ...args])).join('; ')}; } &`).join(' ')} wait`;
  // spawnSync honours `detached` as spawn does; its type leaves it out.
  const options = { stdio: 'ignore', timeout: timeoutMs, killSignal: 'SIGKILL', detached: true } as SpawnSyncOptions;
  const result = spawnSync('/bin/sh', ['-c', line], options);
  if (result.error === undefined && result.signal === null) return 'done';
  // The shell was ended, not its ssh children: they are in its process group.
  try {
    if (result.pid > 0) process.kill(-result.pid, 'SIGKILL');
  } catch {
    // None was left.
  }
  return 'timed out';
}
