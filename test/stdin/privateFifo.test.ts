import { lstat, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeFifo } from '../../src/stdin/privateFifo.js';
import { sweepStaleFifoDirs } from '../../src/stdin/staleFifoDirs.js';
import { useTempDir } from '../helpers/tempDir.js';

const dir = useTempDir('pipemux-fifo-maker-', 'test');

describe.runIf(process.platform !== 'win32')('makeFifo: the FIFOs asked for in one turn are made by one mkfifo', () => {
  it('20 FIFOs asked for at once: each is a FIFO with mode 0600', async () => {
    const paths = Array.from({ length: 20 }, (_, index) => join(dir(), `fifo-${index}`));
    await Promise.all(paths.map((path) => makeFifo(path)));
    for (const path of paths) {
      const stats = await lstat(path);
      expect(stats.isFIFO()).toBe(true);
      expect(stats.mode & 0o777).toBe(0o600);
    }
  });

  it('one path that cannot be made fails alone, with mkfifo’s message naming it; the others are made', async () => {
    const good = [join(dir(), 'a'), join(dir(), 'b')];
    const missingDir = join(dir(), 'no-such-dir', 'fifo');
    const taken = join(dir(), 'taken');
    await writeFile(taken, 'a regular file\n');
    const results = await Promise.allSettled([makeFifo(good[0]!), makeFifo(missingDir), makeFifo(taken), makeFifo(good[1]!)]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(String(((results[1] as PromiseRejectedResult).reason as Error).message)).toMatch(new RegExp(`${missingDir}.*No such file or directory`));
    expect(String(((results[2] as PromiseRejectedResult).reason as Error).message)).toMatch(new RegExp(`${taken}.*File exists`));
    for (const path of good) expect((await lstat(path)).isFIFO()).toBe(true);
    expect((await lstat(taken)).isFile()).toBe(true);
  });

  it('FIFOs asked for in later turns are made too (a batch per turn)', async () => {
    const first = join(dir(), 'first');
    await makeFifo(first);
    const second = join(dir(), 'second');
    await makeFifo(second);
    expect([(await lstat(first)).isFIFO(), (await lstat(second)).isFIFO()]).toEqual([true, true]);
  });
});

describe('sweepStaleFifoDirs: one sweep of a parent at a time, shared', () => {
  it('runs that start while a sweep of the same parent is in flight get that sweep', async () => {
    await mkdir(join(dir(), 'pipemux-stale'), { mode: 0o700 });
    // An owner that cannot be running: pid 2^22 is above any pid_max.
    await writeFile(join(dir(), 'pipemux-stale', 'owner'), `${2 ** 22} 1\n`, { mode: 0o600 });
    const sweeps = [sweepStaleFifoDirs(dir()), sweepStaleFifoDirs(dir()), sweepStaleFifoDirs(dir())];
    expect(sweeps[1]).toBe(sweeps[0]);
    expect(sweeps[2]).toBe(sweeps[0]);
    expect(await sweeps[0]).toEqual([join(dir(), 'pipemux-stale')]);
    // The next one, after it settled, is a sweep of its own.
    const later = sweepStaleFifoDirs(dir());
    expect(later).not.toBe(sweeps[0]);
    expect(await later).toEqual([]);
  });
});
