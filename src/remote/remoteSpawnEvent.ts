import type { SpawnEvent } from '../types.js';
import type { RemotePlan } from './remotePlan.js';
import { remoteLineBuffering, remoteTty } from './remoteTty.js';
import type { WrapperRecord } from './wrapperRecords.js';

/**
 * The spawn event of a remote command, made when it started on the host: the local ssh's pid and
 * FIFO, the user's command, what the command sees there, and where it runs (`remote`).
 */
export function remoteSpawnEvent(local: SpawnEvent, start: Extract<WrapperRecord, { kind: 'start' }>, plan: RemotePlan): SpawnEvent {
  const { host, user, port, label } = plan.target;
  const spawn: SpawnEvent = { type: 'spawn', pid: local.pid, command: plan.command, tty: remoteTty(start), time: local.time };
  if (local.fifoPath !== undefined) spawn.fifoPath = local.fifoPath;
  if (plan.lineBuffered) spawn.lineBuffering = remoteLineBuffering(start, label);
  spawn.remote = { host, ...(user === undefined ? {} : { user }), ...(port === undefined ? {} : { port }), pid: start.pid, pgid: start.pgid };
  return spawn;
}
