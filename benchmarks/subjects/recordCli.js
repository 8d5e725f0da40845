// Scenario 9: the pipemux command's run (runCli, in this process so that its CPU time is measured),
// output to /dev/null, with or without --record; timed from start to exit status.
import { createWriteStream } from 'node:fs';
import { stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { measureSubject } from './lib/measure.js';

const dist = process.env.PIPEMUX_DIST ? `file://${process.env.PIPEMUX_DIST}` : new URL('../../dist', import.meta.url).href;
const { parseArgs } = await import(`${dist}/cli/parseArgs.js`);
const { runCli } = await import(`${dist}/cli/runCli.js`);

await measureSubject(
  async ({ count }, path) => {
    const parsed = parseArgs([...(path === undefined ? [] : ['--record', path]), 'seq', String(count)]);
    const stdout = createWriteStream('/dev/null');
    const stderr = createWriteStream('/dev/null');
    const status = await runCli(parsed.settings, { stdout, stderr, onSignal: () => () => {} });
    await Promise.all([new Promise((resolve) => stdout.end(resolve)), new Promise((resolve) => stderr.end(resolve))]);
    return { lines: count, status, recordingBytes: path === undefined ? 0 : (await stat(path)).size };
  },
  {
    setup: ({ record, dir }) => (record ? join(dir, `pipemux-bench-record-cli-${process.pid}.cast`) : undefined),
    teardown: (_params, path) => (path === undefined ? undefined : unlink(path).catch(() => {})),
  },
);
