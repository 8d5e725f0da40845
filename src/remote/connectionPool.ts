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
// Runs between asking for the directory and joining the pool: the directory must stay.
let acquiring = 0;
let stopWatchingExit: (() => void) | undefined;

/**
 * A connection to `target` for one run: an open or starting one with room (`maxSessions`), or a
 * new one. When its last holder releases it, it is closed on the next turn of the event loop, so a
 * run started right after (a loop of commands, the next job of `muxAll`) still finds it open.
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
      if (held.state !== 'open') {
        held.abandon();
        return forget(held);
      }
      // Unref'd: a program with nothing else to do exits; the exit handler closes the connection then.
      closeTimers.set(held, setTimeout(() => void closeIdle(held), 0).unref());
    },
  };
}

/** Every connection not closed yet (for the exit handler and the tests). */
export function allConnections(): Connection[] {
  return [...pool.values()].flat();
}

async function closeIdle(connection: Connection): Promise<void> {
  closeTimers.delete(connection);
  if (connection.holders > 0) return;
  forget(connection);
  await connection.close();
  if (pool.size === 0 && acquiring === 0) await removeControlDir();
}

function forget(connection: Connection): void {
  const shared = (pool.get(connection.target.key) ?? []).filter((candidate) => candidate !== connection);
  if (shared.length > 0) pool.set(connection.target.key, shared);
  else pool.delete(connection.target.key);
  if (pool.size > 0) return;
  stopWatchingExit?.();
  stopWatchingExit = undefined;
}
