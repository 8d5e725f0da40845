// Scenario 12: COUNT short commands on one host, one after the other, through pipemux's shared connection.
import { lastValueFrom, toArray } from 'rxjs';
import { measureSubject } from './lib/measure.js';
import { pipemux } from './lib/pipemuxModule.js';
import { startServer } from './lib/remoteServer.js';

await measureSubject(
  async ({ count }, server) => {
    if (server.unavailable) return { skipped: server.unavailable };
    let right = 0;
    for (let i = 0; i < count; i++) {
      const events = await lastValueFrom(pipemux('echo', [String(i)], { remote: server.remote }).pipe(toArray()));
      const lines = events.filter((event) => event.type === 'stdout').map((event) => event.data);
      if (lines.length === 1 && lines[0] === String(i) && events.at(-1).code === 0) right++;
    }
    return { commands: count, right };
  },
  { setup: startServer, teardown: (_params, server) => server.sshd?.stop() },
);
