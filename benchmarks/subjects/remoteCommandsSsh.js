// Scenario 12 baseline: COUNT short commands on one host, one after the other, a plain `ssh host cmd` each (a new connection each).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { measureSubject } from './lib/measure.js';
import { startServer } from './lib/remoteServer.js';

const run = promisify(execFile);

await measureSubject(
  async ({ count }, server) => {
    if (server.unavailable) return { skipped: server.unavailable };
    let right = 0;
    for (let i = 0; i < count; i++) {
      const { stdout } = await run('ssh', [...server.sshArgs, `echo ${i}`]);
      if (stdout === `${i}\n`) right++;
    }
    return { commands: count, right };
  },
  { setup: startServer, teardown: (_params, server) => server.sshd?.stop() },
);
