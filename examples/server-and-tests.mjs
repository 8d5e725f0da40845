#!/usr/bin/env node
// Run several commands: a server and its tests side by side, the job of
// `concurrently -k -s command-test`. Each line carries its command's name (in its colour on a
// terminal); the server's port goes to the tests through routed input; once the tests end the server
// is stopped, and the exit status is the tests' (a server killed that way never counts as a failure).
// Usage: node examples/server-and-tests.mjs
import { fileURLToPath } from 'node:url';
import { Subject } from 'rxjs';
import { muxAll, prefix } from 'pipemux';

const script = (name) => fileURLToPath(new URL(name, import.meta.url));
const input = new Subject();

muxAll(
  [
    { name: 'server', file: process.execPath, args: [script('tiny-server.mjs')] },
    { name: 'test', file: process.execPath, args: [script('tiny-test.mjs')] },
  ],
  { killOthersOn: ['success', 'failure'], success: ['test'], input },
)
  .pipe(prefix({ stdout: '[{name}] ', stderr: '[{name}] ', color: 'auto' }))
  .subscribe((event) => {
    if (event.type === 'stdout') console.log(event.data);
    if (event.type === 'stderr') console.error(event.data);
    // The server says where it listens: tell the tests (a line on their stdin).
    const port = event.type === 'stdout' && event.name === 'server' ? /listening on port (\d+)/.exec(event.data)?.[1] : undefined;
    if (port !== undefined) input.next({ to: 'test', data: `${port}\n` });
    if (event.type === 'summary') {
      for (const child of event.children) console.error(`${child.name}: ${child.outcome} (${child.signal ?? `code ${child.code}`})`);
      process.exitCode = event.success ? 0 : 1;
    }
  });
