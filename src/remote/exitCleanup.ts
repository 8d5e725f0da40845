import { spawnSync } from 'node:child_process';
import { onExit } from 'signal-exit';
import { EXIT_KILL_WAIT_MS } from '../process/tree/exitReaper.js';
import type { Connection } from './connection.js';
import { removeControlDirSync } from './controlDir.js';
import { escalationScript } from './escalationScript.js';
import { sessionArgs } from './sshArgs.js';

/** A remote command that may still run: what to end, over which connection, and how. */
export interface RemoteGroup {
  connection: Connection;
  pgid: number;
  /** The kill signal's name without `SIG`. */
  signal: string;
  forceKillAfterDelay: number | false;
}

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
 * directory removed. Returns the function that stops watching.
 */
export function watchExit(connections: () => Connection[]): () => void {
  return onExit(() => {
    const open = connections();
    for (const connection of open)
      endGroupsSync(
        connection,
        [...groups].filter((group) => group.connection === connection),
      );
    groups.clear();
    for (const connection of open) connection.closeSync();
    removeControlDirSync();
  });
}

function endGroupsSync(connection: Connection, doomed: RemoteGroup[]): void {
  if (doomed.length === 0 || connection.state !== 'open') return;
  const delays = doomed.flatMap((group) => (group.forceKillAfterDelay === false ? [] : [group.forceKillAfterDelay]));
  const waitMs = delays.length === 0 ? 0 : Math.min(EXIT_KILL_WAIT_MS, Math.max(...delays));
  const line = escalationScript(doomed, waitMs, delays.length > 0 ? 'SIGKILL' : 'none');
  spawnSync('ssh', sessionArgs(connection.target, connection.controlPath, '/dev/null', line), { stdio: 'ignore', timeout: waitMs + 3000 });
}
