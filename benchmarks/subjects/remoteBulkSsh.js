// Scenario 12 baseline: the same bytes through a plain `ssh host head -c BYTES /dev/zero`, read raw (spawn + 'data').
import { measureSubject } from './lib/measure.js';
import { spawnRaw } from './lib/rawChild.js';
import { startServer } from './lib/remoteServer.js';
import { zeroBytes } from './lib/sources.js';

await measureSubject(
  async ({ bytes }, server) => {
    if (server.unavailable) return { skipped: server.unavailable };
    let received = 0;
    const [file, args] = zeroBytes(bytes);
    const { child, closed } = spawnRaw('ssh', [...server.sshArgs, [file, ...args].join(' ')]);
    child.stdout.on('data', (chunk) => {
      received += chunk.length;
    });
    await closed;
    return { bytes: received };
  },
  { setup: startServer, teardown: (_params, server) => server.sshd?.stop() },
);
