#!/usr/bin/env node
// Recipe 3: run a build, copy its stdout and stderr byte for byte to log files, and watch it live.
// Usage: node examples/tee-build.mjs LOG_DIR COMMAND [ARGS...]
//   e.g. node examples/tee-build.mjs logs npm run build
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pipemux, prefix, timestamps } from 'pipemux';

const [logDir, command, ...args] = process.argv.slice(2);
if (!logDir || !command) {
  console.error('usage: tee-build.mjs LOG_DIR COMMAND [ARGS...]');
  process.exit(2);
}
await mkdir(logDir, { recursive: true });

pipemux(command, args, {
  tee: {
    stdout: join(logDir, 'build.out.log'),
    stderr: join(logDir, 'build.err.log'),
    all: join(logDir, 'build.log'), // both streams, in the order they arrived
  },
})
  .pipe(prefix({ stderr: 'E: ' }), timestamps())
  .subscribe({
    next: (event) => {
      if (event.type === 'stdout') console.log(event.data);
      if (event.type === 'stderr') console.error(event.data);
      // The log files are complete and closed when the exit event arrives.
      if (event.type === 'exit') {
        console.error(`build ${event.code === 0 ? 'succeeded' : 'failed'}; logs in ${logDir}/`);
        process.exitCode = event.code ?? 1;
      }
    },
    error: (error) => {
      console.error(error.message);
      process.exitCode = 1;
    },
  });
