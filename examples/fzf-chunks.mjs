#!/usr/bin/env node
// Recipe 2: feed fzf an item list chunk by chunk through a named pipe while fzf already shows
// the first chunk, then read the selection back.
// Usage: node examples/fzf-chunks.mjs             (interactive: pick an item, press Enter)
//        node examples/fzf-chunks.mjs --filter an (no UI: prints the matches)
import { Subject } from 'rxjs';
import { pipemux } from 'pipemux';

const chunks = [
  ['apple', 'banana', 'cherry'],
  ['grape', 'mango', 'orange'],
  ['papaya', 'pineapple', 'tangerine'],
];
const items = new Subject();
const fzfArgs = process.argv.slice(2);

pipemux('fzf', fzfArgs, { stdin: { fifo: true, source: items } }).subscribe({
  next: (event) => {
    if (event.type === 'spawn') {
      // fzf is running: send one chunk at a time, as a slow producer would.
      console.error(`fifo: ${event.fifoPath} (other processes may write items into it too)`);
      chunks.forEach((chunk, index) => setTimeout(() => items.next(chunk), 300 * index));
      setTimeout(() => items.complete(), 300 * chunks.length); // EOF: fzf stops waiting for more
    }
    if (event.type === 'stdout') console.log(event.data);
    if (event.type === 'exit') process.exitCode = event.code ?? 1;
  },
  error: (error) => {
    console.error(error.message);
    process.exitCode = 1;
  },
});
