#!/usr/bin/env node
// Recipe 1: stream `find` live, with its error lines marked "E: ".
// Usage: node examples/find-with-errors.mjs [path...]   (default: /etc /nonexistent)
import { pipemux, prefix } from 'pipemux';

const paths = process.argv.length > 2 ? process.argv.slice(2) : ['/etc', '/nonexistent'];

pipemux('find', [...paths, '-maxdepth', '1'])
  .pipe(prefix({ stderr: 'E: ' }))
  .subscribe((event) => {
    if (event.type === 'stdout') console.log(event.data);
    if (event.type === 'stderr') console.error(event.data);
    if (event.type === 'exit') process.exitCode = event.code ?? 1;
  });
