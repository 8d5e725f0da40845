// Scenario 7: pipemux in chunk mode with tee file sinks; timed from subscribe to exit (sinks closed).
import { stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { drainTimeline } from './lib/drainTimeline.js';
import { measureSubject } from './lib/measure.js';
import { SCRATCH_PREFIX } from './lib/scratch.js';
import { pipemux } from './lib/pipemuxModule.js';
import { zeroBytes } from './lib/sources.js';

const teePaths = ({ sinks, dir }) => Array.from({ length: sinks }, (_, index) => join(dir, `${SCRATCH_PREFIX}tee-${index}`));

await measureSubject(
  async ({ bytes }, paths) => {
    const [file, args] = zeroBytes(bytes);
    let received = 0;
    await drainTimeline(pipemux(file, args, { mode: 'chunks', tee: { stdout: paths } }), (event) => {
      if (event.type === 'stdout') received += event.data.length;
    });
    const fileSizes = await Promise.all(paths.map(async (path) => (await stat(path)).size));
    return { bytes: received, fileSizes };
  },
  {
    setup: teePaths,
    teardown: (_params, paths) => Promise.all(paths.map((path) => unlink(path).catch(() => {}))),
  },
);
