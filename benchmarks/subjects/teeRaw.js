// Scenario 7 floor: raw spawn, stdout.pipe() into file WriteStreams (pipe() waits for the slowest).
import { createWriteStream } from 'node:fs';
import { stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { measureSubject } from './lib/measure.js';
import { SCRATCH_PREFIX } from './lib/scratch.js';
import { spawnRaw } from './lib/rawChild.js';
import { zeroBytes } from './lib/sources.js';

const teePaths = ({ sinks, dir }) => Array.from({ length: sinks }, (_, index) => join(dir, `${SCRATCH_PREFIX}tee-raw-${index}`));

await measureSubject(
  async ({ bytes }, paths) => {
    const { child, closed } = spawnRaw(...zeroBytes(bytes));
    // The same buffer size as pipemux's file sinks.
    const files = paths.map((path) => createWriteStream(path, { highWaterMark: 1024 * 1024 }));
    let received = 0;
    child.stdout.on('data', (chunk) => {
      received += chunk.length;
    });
    for (const file of files) child.stdout.pipe(file);
    await Promise.all([closed, ...files.map((file) => finished(file))]);
    const fileSizes = await Promise.all(paths.map(async (path) => (await stat(path)).size));
    return { bytes: received, fileSizes };
  },
  {
    setup: teePaths,
    teardown: (_params, paths) => Promise.all(paths.map((path) => unlink(path).catch(() => {}))),
  },
);
