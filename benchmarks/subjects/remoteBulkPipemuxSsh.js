// Scenario 12, for the split of the cost: pipemux (no remote option) running the plain `ssh host head -c …` itself, chunk mode.
import { drainTimeline } from './lib/drainTimeline.js';
import { measureSubject } from './lib/measure.js';
import { pipemux } from './lib/pipemuxModule.js';
import { startServer } from './lib/remoteServer.js';
import { zeroBytes } from './lib/sources.js';

await measureSubject(
  async ({ bytes }, server) => {
    if (server.unavailable) return { skipped: server.unavailable };
    let received = 0;
    const [file, args] = zeroBytes(bytes);
    await drainTimeline(pipemux('ssh', [...server.sshArgs, [file, ...args].join(' ')], { mode: 'chunks' }), (event) => {
      if (event.type === 'stdout') received += event.data.length;
    });
    return { bytes: received };
  },
  { setup: startServer, teardown: (_params, server) => server.sshd?.stop() },
);
