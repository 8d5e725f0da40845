// Scenario 12: BYTES from the host (`head -c` of /dev/zero there) through pipemux in chunk mode, counted.
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
    await drainTimeline(pipemux(file, args, { mode: 'chunks', remote: server.remote }), (event) => {
      if (event.type === 'stdout') received += event.data.length;
    });
    return { bytes: received };
  },
  { setup: startServer, teardown: (_params, server) => server.sshd?.stop() },
);
