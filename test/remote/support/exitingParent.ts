// Usage: vite-node test/remote/support/exitingParent.ts REMOTE_JSON COUNT FORCE_KILL_AFTER_DELAY
// A parent that runs COUNT commands on the host of REMOTE_JSON (the `remote` option), each over a
// connection of its own (maxSessions 1), each ignoring SIGHUP, SIGTERM and SIGINT there (so only
// SIGKILL ends it). Once all run it prints one JSON line { parent, remotePids, controlPaths }, then
// waits to be ended: by a signal, or SIGUSR2, on which it calls process.exit().
import { pipemux, type RemoteOptions } from '../../../src/index.js';
import { allConnections } from '../../../src/remote/connectionPool.js';

const remote = { ...(JSON.parse(process.argv[2]!) as RemoteOptions), maxSessions: 1 };
const count = Number(process.argv[3]);
const forceKillAfterDelay = Number(process.argv[4]);
const remotePids: number[] = [];
for (let i = 0; i < count; i++) {
  pipemux('sh', ['-c', 'trap "" HUP TERM INT; echo ready; exec sleep 1000'], { remote, forceKillAfterDelay }).subscribe({
    next: (event) => {
      if (event.type !== 'spawn') return;
      remotePids.push(event.remote!.pid);
      if (remotePids.length < count) return;
      const controlPaths = allConnections().map((connection) => connection.controlPath);
      process.stdout.write(`${JSON.stringify({ parent: process.pid, remotePids, controlPaths })}\n`);
    },
    error: (error: Error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    },
  });
}
process.on('SIGUSR2', () => process.exit(0));
