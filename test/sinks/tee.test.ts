import { createHash } from 'node:crypto';
import { constants, existsSync, open as openFdCallback, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { Socket } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Writable } from 'node:stream';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { pipemux, TeeSinkError, type MuxEvent } from '../../src/index.js';
// @ts-expect-error: a plain .mjs fixture module without types
import { pseudoRandomBytes as untypedPseudoRandomBytes } from '../fixtures/tee-prng.mjs';
import { collect, collectSettled, dataOf, exitOf } from '../helpers/collect.js';
import { fixture, nodeFixture } from '../helpers/fixtures.js';
import { openFdCount } from '../helpers/processes.js';
import { useTempDir } from '../helpers/tempDir.js';

const MB = 1024 * 1024;
/** Byte `offset + i` of stream `seed`, for i below `size` (see tee-prng.mjs). */
const pseudoRandomBytes = untypedPseudoRandomBytes as (seed: number, offset: number, size: number) => Buffer;
// A plain fd (not a FileHandle, which would close it again when collected), for a socket to own.
const openFd = promisify(openFdCallback);
const sha256 = (data: Buffer | Buffer[]) => {
  const hash = createHash('sha256');
  for (const part of Array.isArray(data) ? data : [data]) hash.update(part);
  return hash.digest('hex');
};
const expectedHash = (bytes: number, seed: number) => sha256(pseudoRandomBytes(seed, 0, bytes));

/** A Writable that hashes what it gets. */
function hashingWritable() {
  const hash = createHash('sha256');
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback();
    },
  });
  return { stream, digest: () => hash.digest('hex') };
}

/** Waits until our open fd count is back to `baseline` (fds of destroyed pipes close on the next loop turns). */
async function expectFdsBackTo(baseline: number) {
  for (let turn = 0; turn < 50 && (await openFdCount()) > baseline; turn++) await new Promise((resolve) => setImmediate(resolve));
  expect(await openFdCount()).toBe(baseline);
}

const dir = useTempDir('pipemux-tee-test-');

describe('tee sinks', () => {
  it('copies 50 MB of binary to a file and a Writable, byte for byte, complete at the exit event', async () => {
    const size = 50 * MB;
    const path = join(dir(), 'out.bin');
    const writable = hashingWritable();
    const events = await collect(
      pipemux(...nodeFixture('tee-random-bytes.mjs', String(size), '0', '7'), { mode: 'chunks', tee: { stdout: [path, writable.stream] } }),
    );
    // Read at the exit event's time: the run completes right after emitting it.
    const hashAtExit = sha256(await readFile(path));
    const expected = expectedHash(size, 7);
    expect(exitOf(events).code).toBe(0);
    expect(hashAtExit).toBe(expected);
    expect(writable.digest()).toBe(expected);
    expect(sha256(dataOf(events, 'stdout'))).toBe(expected);
    expect(writable.stream.writableEnded).toBe(false);
  });

  it('has the file complete when the exit event is delivered', async () => {
    const size = 8 * MB;
    const path = join(dir(), 'at-exit.bin');
    const sizes: number[] = [];
    await new Promise<void>((resolve, reject) =>
      pipemux(...nodeFixture('tee-random-bytes.mjs', String(size)), { tee: { stdout: path } }).subscribe({
        next: (event) => {
          if (event.type === 'exit') sizes.push(statSync(path).size);
        },
        error: reject,
        complete: resolve,
      }),
    );
    expect(sizes).toEqual([size]);
  });

  it('appends with append: true and truncates otherwise', async () => {
    const path = join(dir(), 'append.log');
    await writeFile(path, 'before\n');
    await collect(pipemux('echo', ['one'], { tee: { stdout: { path, append: true } } }));
    await collect(pipemux('echo', ['two'], { tee: { stdout: { path, append: true } } }));
    expect(await readFile(path, 'utf8')).toBe('before\none\ntwo\n');
    await collect(pipemux('echo', ['three'], { tee: { stdout: path } }));
    expect(await readFile(path, 'utf8')).toBe('three\n');
  });

  it.each([
    ['a new file', 0o600, false],
    ['an existing file', 0o640, true],
    ['bits the umask would mask', 0o666, false],
  ])('applies mode exactly to %s', async (_name, mode, exists) => {
    const path = join(dir(), `mode-${mode.toString(8)}-${exists}.log`);
    if (exists) await writeFile(path, '');
    await collect(pipemux('echo', ['x'], { tee: { stdout: { path, mode } } }));
    expect(statSync(path).mode & 0o7777).toBe(mode);
  });

  it('gives all every byte of both streams in arrival order', async () => {
    const path = join(dir(), 'all.bin');
    const stdoutOnly = join(dir(), 'stdout-only.bin');
    const stderrOnly = join(dir(), 'stderr-only.bin');
    const events = await collect<MuxEvent<Buffer>>(
      pipemux(...nodeFixture('tee-random-bytes.mjs', String(3 * MB), String(2 * MB), '3'), {
        mode: 'chunks',
        tee: { all: path, stdout: stdoutOnly, stderr: stderrOnly },
      }),
    );
    const arrival = events.flatMap((e) => (e.type === 'stdout' || e.type === 'stderr' ? [e.data] : []));
    const all = await readFile(path);
    expect(all.length).toBe(5 * MB);
    expect(sha256(all)).toBe(sha256(arrival));
    expect(sha256(await readFile(stdoutOnly))).toBe(expectedHash(3 * MB, 3));
    expect(sha256(await readFile(stderrOnly))).toBe(expectedHash(2 * MB, 4));
  });

  it('tees raw bytes in line mode too (CRLF and no final newline kept)', async () => {
    const path = join(dir(), 'raw.log');
    const events = await collect(pipemux('printf', ['a\\r\\nb\\n\\nc'], { tee: { stdout: path } }));
    expect(dataOf(events, 'stdout')).toEqual(['a', 'b', '', 'c']);
    expect(await readFile(path, 'latin1')).toBe('a\r\nb\n\nc');
  });

  it('writes into a named pipe that a process reads, with EOF at the end', async () => {
    const fifo = join(dir(), 'read.fifo');
    await execa('mkfifo', [fifo]);
    // Our own reader end (non-blocking open: no thread waits), read through a socket until EOF.
    const reader = new Socket({ fd: await openFd(fifo, constants.O_RDONLY | constants.O_NONBLOCK), readable: true, writable: false });
    const received = (async () => {
      const parts: Buffer[] = [];
      for await (const part of reader) parts.push(part as Buffer);
      return Buffer.concat(parts).toString();
    })();
    const events = await collect(pipemux('printf', ['one\\ntwo\\n'], { tee: { stdout: fifo } }));
    expect(dataOf(events, 'stdout')).toEqual(['one', 'two']);
    expect(await received).toBe('one\ntwo\n');
  });

  it('ends a Writable only with end: true, and never the parent stdout', async () => {
    const owned = hashingWritable();
    const lent = hashingWritable();
    await collect(pipemux('true', [], { tee: { stdout: [{ stream: owned.stream, end: true }, lent.stream, { stream: process.stdout, end: true }] } }));
    expect(owned.stream.writableEnded).toBe(true);
    expect(lent.stream.writableEnded).toBe(false);
    expect(process.stdout.writableEnded).toBe(false);
  });
});

describe('tee sink errors', () => {
  const marker = () => join(dir(), `ran-${Math.random().toString(36).slice(2)}`);

  it.each([
    ['a missing directory', () => join(dir(), 'missing', 'x.log'), 'ENOENT'],
    ['a directory', () => dir(), 'EISDIR'],
    ['a path under a file', () => join(fixture('tee-prng.mjs'), 'x.log'), 'ENOTDIR'],
  ])('rejects %s before running the command, naming the path', async (_name, pathOf, code) => {
    const path = pathOf();
    const ran = marker();
    const before = await openFdCount();
    const { events, error } = await collectSettled(pipemux('touch', [ran], { tee: { stdout: ['/dev/null', path] } }));
    expect(events).toEqual([]);
    expect(error).toBeInstanceOf(TeeSinkError);
    expect((error as TeeSinkError).code).toBe(code);
    expect((error as TeeSinkError).path).toBe(path);
    expect((error as Error).message).toContain(path);
    expect(existsSync(ran)).toBe(false);
    await expectFdsBackTo(before);
  });

  it.each<[string, (path: string) => Promise<string>]>([
    ['the same path', (path) => Promise.resolve(path)],
    [
      'a symlink to it',
      async (path) => {
        const link = `${path}.link`;
        await execa('ln', ['-sf', path, link]);
        return link;
      },
    ],
  ])('rejects one file given for stdout and stderr (%s): two writers would overwrite each other’s copies; the file is left as it was', async (_name, other) => {
    const path = join(dir(), 'both.log');
    await writeFile(path, 'kept\n');
    const ran = marker();
    const before = await openFdCount();
    const { events, error } = await collectSettled(pipemux('touch', [ran], { tee: { stdout: path, stderr: await other(path) } }));
    expect(events).toEqual([]);
    expect(error).toBeInstanceOf(TeeSinkError);
    expect((error as Error).message).toContain('it is given twice (tee.stdout and tee.stderr)');
    expect(existsSync(ran)).toBe(false);
    expect(await readFile(path, 'utf8')).toBe('kept\n');
    await expectFdsBackTo(before);
  });

  it('/dev/null for both streams is fine (not a regular file)', async () => {
    const events = await collect(pipemux('sh', ['-c', 'echo out; echo err >&2'], { tee: { stdout: '/dev/null', stderr: '/dev/null', all: '/dev/null' } }));
    expect(exitOf(events).code).toBe(0);
  });

  it('rejects a file it may not write (EACCES) before running the command', async () => {
    // Root may write any ordinary file, but not a /proc/sys entry without a write bit (Linux).
    let path = '/proc/sys/kernel/ostype';
    if (process.getuid?.() !== 0) {
      const locked = join(dir(), 'locked');
      await execa('mkdir', ['-m', '500', locked]);
      path = join(locked, 'x.log');
    }
    const ran = marker();
    const { events, error } = await collectSettled(pipemux('touch', [ran], { tee: { stdout: path } }));
    expect(events).toEqual([]);
    expect(error).toBeInstanceOf(TeeSinkError);
    expect(error).toMatchObject({ code: 'EACCES', path });
    expect(existsSync(ran)).toBe(false);
  });

  it('rejects a named pipe that no process reads at once (ENXIO), parking no thread', async () => {
    const fifo = join(dir(), 'unread.fifo');
    await execa('mkfifo', [fifo]);
    const ran = marker();
    const { events, error } = await collectSettled(pipemux('touch', [ran], { tee: { stdout: fifo } }));
    expect(events).toEqual([]);
    expect(error).toBeInstanceOf(TeeSinkError);
    expect(error).toMatchObject({ code: 'ENXIO', path: fifo });
    expect((error as Error).message).toContain('named pipe that no process is reading');
    expect(existsSync(ran)).toBe(false);
  });

  it('errors on a write failure (/dev/full), kills the child, keeps what other sinks got, leaves no fd open', async () => {
    const kept = join(dir(), 'kept.bin');
    const before = await openFdCount();
    const { events, error } = await collectSettled(
      pipemux(...nodeFixture('tee-random-bytes.mjs', String(64 * MB)), { mode: 'chunks', tee: { stdout: [kept, '/dev/full'] } }),
    );
    expect(error).toBeInstanceOf(TeeSinkError);
    expect((error as TeeSinkError).path).toBe('/dev/full');
    expect((error as TeeSinkError).code).toBe('ENOSPC');
    expect((error as Error).message).toContain('/dev/full');
    expect(events.some((e) => e.type === 'exit')).toBe(false);
    // Every chunk read before the failure reached the healthy sink, in order.
    const delivered = dataOf(events, 'stdout');
    const keptBytes = await readFile(kept);
    expect(keptBytes.length).toBe(delivered.reduce((sum, chunk) => sum + chunk.length, 0));
    expect(sha256(keptBytes)).toBe(sha256(pseudoRandomBytes(1, 0, keptBytes.length)));
    await expectFdsBackTo(before);
  });

  it('errors when a Writable sink fails, naming it', async () => {
    const failing = new Writable({
      write(_chunk, _encoding, callback) {
        callback(new Error('disk on fire'));
      },
    });
    const { error } = await collectSettled(pipemux('echo', ['x'], { tee: { stderr: [], all: failing } }));
    expect(error).toBeInstanceOf(TeeSinkError);
    expect((error as Error).message).toMatch(/^echo x: cannot write tee all stream #1: disk on fire \(cwd: /);
  });
});

describe('tee backpressure', () => {
  it('keeps memory bounded with a slow Writable over 400 MB, and delivers every byte', async () => {
    const size = 400 * MB;
    // A parent process of its own, so that its RSS is the pipeline's alone and not this worker's.
    const { stdout } = await execa(process.execPath, [fixture('tee-slow-sink.mjs'), String(size)]);
    const result = JSON.parse(stdout) as { code: number; sinkBytes: number; eventBytes: number; peakRss: number };
    expect(result.code).toBe(0);
    expect(result.sinkBytes).toBe(size);
    expect(result.eventBytes).toBe(size);
    expect(result.peakRss).toBeLessThan(200 * MB);
  });
});
