import { constants } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { Subject } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pipemux, type MuxEvent } from '../../src/index.js';
import { dataOf, exitOf } from '../helpers/collect.js';
import { TimelineProbe } from './timelineProbe.js';

let parent: string;
beforeEach(async () => {
  parent = await mkdtemp(join(tmpdir(), 'pipemux-test-'));
});
afterEach(async () => {
  await rm(parent, { recursive: true, force: true });
});

/** Runs `echo TEXT > "$FIFO"` in a shell: an external writer that opens, writes and closes. */
const writeFromOutside = (fifoPath: string, text: string) => execa('sh', ['-c', `echo "${text}" > "$FIFO"`], { env: { FIFO: fifoPath } });

describe('stdin: { fifo: true }', () => {
  it('makes the FIFO 0600 in a fresh 0700 dir and gives its read end to the child as a blocking fd 0', async () => {
    const input = new Subject<string>();
    const probe = new TimelineProbe(pipemux('cat', [], { stdin: { fifo: true, source: input, dir: parent } }));
    const { fifoPath, pid } = await probe.spawned();
    expect(fifoPath).toBeDefined();
    expect(dirname(dirname(fifoPath!))).toBe(parent);
    const fifoStats = await stat(fifoPath!);
    expect(fifoStats.isFIFO()).toBe(true);
    expect(fifoStats.mode & 0o777).toBe(0o600);
    const dirStats = await stat(dirname(fifoPath!));
    expect(dirStats.mode & 0o777).toBe(0o700);
    expect(dirStats.uid).toBe(process.getuid!());
    // The child's fd 0 is the FIFO, opened read-only and blocking (cat would get EAGAIN otherwise).
    const flags = parseInt(/^flags:\s+(\d+)$/m.exec(await readFile(`/proc/${pid}/fdinfo/0`, 'utf8'))![1]!, 8);
    expect(flags & constants.O_NONBLOCK).toBe(0);
    expect(flags & 0o3).toBe(constants.O_RDONLY);
    expect((await stat(`/proc/${pid}/fd/0`)).ino).toBe(fifoStats.ino);
    input.complete();
    const { error } = await probe.settled;
    expect(error).toBeUndefined();
  });

  it('announces fifoPath in the spawn event, before any output', async () => {
    const probe = new TimelineProbe(pipemux('cat', [], { stdin: { fifo: true, source: ['out\n'], dir: parent } }));
    const { events } = await probe.settled;
    expect(events[0]).toMatchObject({ type: 'spawn', fifoPath: expect.stringMatching(/pipemux-.*\/stdin$/) as string });
    expect(dataOf(events, 'stdout')).toEqual(['out']);
  });

  it('passes two external writers through, and gives EOF only after the source completes', async () => {
    const source = new Subject<string[]>();
    const probe = new TimelineProbe(pipemux('cat', [], { stdin: { fifo: true, source, dir: parent }, echoInput: true }));
    const { fifoPath } = await probe.spawned();
    await writeFromOutside(fifoPath!, 'first writer');
    await probe.line('first writer');
    await writeFromOutside(fifoPath!, 'second writer');
    await probe.line('second writer');
    source.next(['from the source']);
    await probe.line('from the source');
    // Both external writers have closed: cat still runs because our writer holds the FIFO open.
    expect(probe.events.some((e) => e.type === 'exit')).toBe(false);
    source.complete();
    const { events, error } = await probe.settled;
    expect(error).toBeUndefined();
    expect(dataOf(events, 'stdout')).toEqual(['first writer', 'second writer', 'from the source']);
    expect(events.filter((e): e is Extract<MuxEvent, { type: 'stdin' }> => e.type === 'stdin').map((e) => e.data)).toEqual(['from the source\n']);
    expect(exitOf(events).code).toBe(0);
  });

  it('without a source keeps input open across external writers until the subscription ends', async () => {
    const probe = new TimelineProbe(pipemux('cat', [], { stdin: { fifo: true, dir: parent } }));
    const { fifoPath } = await probe.spawned();
    for (const text of ['one', 'two', 'three']) {
      await writeFromOutside(fifoPath!, text);
      await probe.line(text);
    }
    expect(probe.events.some((e) => e.type === 'exit')).toBe(false);
    probe.subscription.unsubscribe();
    expect(dataOf(probe.events, 'stdout')).toEqual(['one', 'two', 'three']);
  });

  it('writes a large source through the FIFO byte for byte', async () => {
    const lines = Array.from({ length: 50_000 }, (_, i) => `line ${i} ${'x'.repeat(i % 100)}`);
    const batches = Array.from({ length: 50 }, (_, b) => lines.slice(b * 1000, (b + 1) * 1000));
    const probe = new TimelineProbe(pipemux('cat', [], { stdin: { fifo: true, source: batches, dir: parent } }));
    const { events, error } = await probe.settled;
    expect(error).toBeUndefined();
    const out = dataOf(events, 'stdout');
    expect(out.length).toBe(lines.length);
    expect(out.findIndex((line, i) => line !== lines[i])).toBe(-1);
  });
});
