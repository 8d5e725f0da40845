import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { pipemux } from '../../src/index.js';
import { dataOf, exitOf } from '../helpers/collect.js';
import { TimelineProbe } from './timelineProbe.js';

const hasFzf = await promisify(execFile)('fzf', ['--version']).then(
  () => true,
  () => false,
);

// .ci/run installs fzf; skipped (and reported as skipped) where it is missing.
describe.skipIf(!hasFzf)('fzf as a real client of the FIFO', () => {
  it('fzf --filter fed three chunks (source, external writer, source) prints the right matches', async () => {
    const items = new Subject<string[]>();
    const probe = new TimelineProbe(pipemux('fzf', ['--filter', 'an', '--exact', '--no-sort'], { stdin: { fifo: true, source: items } }));
    const { fifoPath } = await probe.spawned();
    items.next(['apple', 'banana', 'cherry']);
    // A second chunk written by another process, as a shell script would: printf 'mango\nkiwi\n' > "$FIFO"
    await promisify(execFile)('sh', ['-c', `printf 'mango\\nkiwi\\n' > "$FIFO"`], { env: { ...process.env, FIFO: fifoPath } });
    items.next(['orange', 'pear', 'tangerine']);
    items.complete();
    const { events, error } = await probe.settled;
    expect(error).toBeUndefined();
    expect(dataOf(events, 'stdout')).toEqual(['banana', 'mango', 'orange', 'tangerine']);
    expect(exitOf(events).code).toBe(0);
  });
});
