#!/usr/bin/env node
// Recipe 2: feed fzf an item list chunk by chunk through a named pipe while fzf already shows
// the first chunk, then read the selection back.
// Usage: node examples/fzf-chunks.mjs             (interactive: type to filter, Enter picks, Esc quits with 130)
//        node examples/fzf-chunks.mjs --filter an (no UI: prints the matches)
import { Subject } from 'rxjs';
import { pipemux } from 'pipemux';

const chunks = [
  ['apple', 'banana', 'cherry'],
  ['grape', 'mango', 'orange'],
  ['papaya', 'pineapple', 'tangerine'],
];
const CHUNK_EVERY_MS = 700;
const items = new Subject();
const fzfArgs = process.argv.slice(2);
let feeding;

// fzf draws its interface on stderr and reads keys from /dev/tty: stderr 'inherit' puts the
// interface on your terminal; the selection comes back on stdout, one line event per item.
pipemux('fzf', fzfArgs, { stdin: { fifo: true, source: items }, stderr: 'inherit' }).subscribe({
  next: (event) => {
    if (event.type === 'spawn') {
      // fzf is running: send one chunk at a time, as a slow producer would; fzf shows each at once.
      let sent = 0;
      items.next(chunks[sent++]);
      feeding = setInterval(() => {
        items.next(chunks[sent++]);
        if (sent === chunks.length) {
          clearInterval(feeding);
          items.complete(); // EOF: fzf stops waiting for more (its spinner stops)
        }
      }, CHUNK_EVERY_MS);
    }
    if (event.type === 'stdout') console.log(event.data);
    if (event.type === 'exit') {
      clearInterval(feeding); // picked (or Esc) before every chunk came
      process.exitCode = event.code ?? 1; // 130 after Esc, with nothing printed
    }
  },
  error: (error) => {
    console.error(error.message);
    process.exitCode = 1;
  },
});
