#!/usr/bin/env node
// The README's demo: a child that writes to stdout and stderr over two seconds, watched live
// through pipemux with stderr marked "E: ", timestamps, and the tty report first.
import { fileURLToPath } from 'node:url';
import { describeTty, pipemux, prefix, timestamps } from 'pipemux';

const child = fileURLToPath(new URL('demo-child.mjs', import.meta.url));
// Red only on a terminal that allows colours (NO_COLOR is honoured by hasColors()).
const red = (text) => (process.stdout.hasColors?.() ? `\x1b[31m${text}\x1b[0m` : text);

pipemux(process.execPath, [child])
  .pipe(prefix({ stderr: 'E: ' }), timestamps())
  .subscribe((event) => {
    if (event.type === 'spawn') {
      console.log(`spawned pid ${event.pid}: ${event.command}`);
      for (const line of describeTty(event.tty)) console.log(`  tty: ${line}`);
    }
    if (event.type === 'stdout') console.log(event.data);
    if (event.type === 'stderr') console.log(red(event.data));
    if (event.type === 'exit') console.log(`exit code ${event.code} after ${event.durationMs.toFixed(0)} ms`);
  });
