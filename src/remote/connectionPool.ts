import { Connection } from './connection.js';
import { controlDir, removeControlDir } from './controlDir.js';
import { watchExit } from './exitCleanup.js';
import type { RemoteTarget } from './remoteTarget.js';

/** A run's hold on a connection; `release()` may be called more than once. */
export interface Lease {
  connection: Connection;
  release(): void;
}

const pool = new Map<string, Connection[]>();
const closeTimers = new Map<Connection, NodeJS.Timeout>();
// Runs between asking for the directory and joining the pool, and masters being closed: the directory must stay.
let acquiring = 0;
const closing = new Set<Connection>();
let stopWatchingExit: (() => void) | undefined;

/**
 * How long a connection stays open after its last child ended: a command started meanwhile (the
 * next one of a loop, the next job of `muxAll`) reuses it instead of connecting again.
 */
export const CONNECTION_LINGER_MS = 500;

/**
 * A connection to `target` for one run: an open or starting one with room (`maxSessions`), or a
 * new one. When its last holder releases it, it is closed {@link CONNECTION_LINGER_MS} later
 * unless a run took it meanwhile.
 */
export async function acquireConnection(target: RemoteTarget): Promise<Lease> {
  acquiring++;
  let dir: string;
  try {
    dir = await controlDir();
  } finally {
    acquiring--;
  }
  const shared = pool.get(target.key) ?? [];
  let connection = shared.find((candidate) => (candidate.state === 'starting' || candidate.state === 'open') && candidate.holders < target.maxSessions);
  if (connection === undefined) {
    connection = new Connection(target, dir);
    shared.push(connection);
    pool.set(target.key, shared);
    stopWatchingExit ??= watchExit(allConnections);
    const created = connection;
    created.ready.catch(() => forget(created));
  }
  const held = connection;
  held.holders++;
  clearTimeout(closeTimers.get(held));
  closeTimers.delete(held);
  let released = false;
  return {
    connection: held,
    release: () => {
      if (released) return;
      released = true;
      if (--held.holders > 0) return;
      if (held.state !== 'open') return close(held);
      // Unref'd: a program with nothing else to do exits; the exit handler closes the connection then.
      closeTimers.set(held, setTimeout(() => close(held), CONNECTION_LINGER_MS).unref());
    },
  };
}

/** Every connection not closed yet, those being closed included (for the exit handler and the tests). */
export function allConnections(): Connection[] {
  return [...pool.values()].flat().concat([...closing]);
}

/** Closes an unused connection; the private directory goes once no connection, start or close needs it. */
function close(connection: Connection): void {
  closeTimers.delete(connection);
  if (connection.holders > 0) return;
  closing.add(connection);
  forget(connection);
  void connection.close().finally(() => {
    closing.delete(connection);
    if (pool.size > 0 || closing.size > 0) return;
    stopWatching();
    if (acquiring === 0) void removeControlDir();
  });
}

function forget(connection: Connection): void {
  const shared = (pool.get(connection.target.key) ?? []).filter((candidate) => candidate !== connection);
  if (shared.length > 0) pool.set(connection.target.key, shared);
  else pool.delete(connection.target.key);
  if (pool.size === 0 && closing.size === 0) stopWatching();
}

function stopWatching(): void {
  stopWatchingExit?.();
  stopWatchingExit = undefined;
}
