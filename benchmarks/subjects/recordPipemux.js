// Scenario 9: pipemux in line mode with record() writing an asciicast; timed from subscribe to exit (file closed).
import { open, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { drainTimeline } from './lib/drainTimeline.js';
import { measureSubject } from './lib/measure.js';
import { pipemux, record } from './lib/pipemuxModule.js';
import { numberLines } from './lib/sources.js';

/** The last bytes of the recording: where its last line and its exit event are. */
async function tailOf(path, bytes) {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const tail = Buffer.alloc(Math.min(bytes, size));
    await handle.read(tail, 0, tail.length, size - tail.length);
    return tail.toString('utf8');
  } finally {
    await handle.close();
  }
}

await measureSubject(
  async ({ count, format }, path) => {
    let lines = 0;
    let last;
    await drainTimeline(pipemux(...numberLines(count)).pipe(record(path, { format })), (event) => {
      if (event.type !== 'stdout') return;
      lines++;
      last = event.data;
    });
    const tail = await tailOf(path, 200);
    return {
      lines,
      last,
      recordingBytes: (await stat(path)).size,
      // The file is whole at the exit event: the last line, then the exit status.
      recordingEndsRight: tail.includes(`${count}\\r\\n"]\n`) && tail.endsWith(', "x", "0"]\n'),
    };
  },
  {
    setup: ({ dir }) => join(dir, `pipemux-bench-record-${process.pid}.cast`),
    teardown: (_params, path) => unlink(path).catch(() => {}),
  },
);
