import { closeSync, constants, existsSync, open as openFdCallback, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { Socket } from 'node:net';
import { readFile, writeFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Writable } from 'node:stream';
import { filter, firstValueFrom, take, tap, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { InvalidOptionError, only, pipemux, record, RecordingError, replay, type MuxEvent } from '../../src/index.js';
import { collect, collectSettled, exitOf } from '../helpers/collect.js';
import { holdsWithin } from '../helpers/deadline.js';
import { nodeFixture } from '../helpers/fixtures.js';
import { isAlive, openFdCount } from '../helpers/processes.js';
import { useTempDir } from '../helpers/tempDir.js';
import { piece, readRecording } from './helpers.js';

const dir = useTempDir('pipemux-record-test-');
const execFileAsync = promisify(execFile);
const openFd = promisify(openFdCallback);

/** Whether this process has an fd open on `path` (Linux: /proc/self/fd), read synchronously. */
function isOpenHere(path: string): boolean {
  return readdirSync('/proc/self/fd').some((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === path;
    } catch {
      return false;
    }
  });
}

/** A Writable that takes one chunk at a time and holds each until the next turn of the event loop, so write() returns false. */
function slowWritable() {
  const chunks: Buffer[] = [];
  let refusals = 0;
  const stream = new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      setImmediate(callback);
    },
  });
  const write = stream.write.bind(stream);
  stream.write = ((...args: Parameters<Writable['write']>) => {
    const accepted = write(...args);
    if (!accepted) refusals++;
    return accepted;
  }) as Writable['write'];
  return { stream, text: () => Buffer.concat(chunks).toString('utf8'), refusals: () => refusals };
}

describe('record()', () => {
  it('has the whole recording on disk, and the file closed, when the exit event passes', async () => {
    const path = join(dir(), 'whole.cast');
    let atExit: { text: string; openOnIt: boolean } | undefined;
    await collect(
      pipemux(...nodeFixture('print-lines.mjs', '20000')).pipe(
        record(path),
        tap((event) => {
          // Synchronously, at the exit event: nothing may still be on its way.
          if (event.type === 'exit') atExit = { text: readFileSync(path, 'utf8'), openOnIt: isOpenHere(path) };
        }),
      ),
    );
    expect(atExit?.openOnIt).toBe(false);
    const lines = atExit!.text.split('\n');
    expect(lines.at(-1)).toBe('');
    expect(JSON.parse(lines.at(-2)!)).toEqual([expect.any(Number), 'x', '0']);
    const output = lines.slice(1, -2).map((line) => JSON.parse(line) as [number, string, string]);
    expect(output.map(([, , data]) => data).join('')).toBe(Array.from({ length: 20000 }, (_, i) => `line ${i}\r\n`).join(''));
  });

  it('writes incrementally: the header and the first line are in the file while the child still runs', async () => {
    const path = join(dir(), 'incremental.cast');
    const subscription = pipemux(...nodeFixture('forever.mjs'))
      .pipe(record(path))
      .subscribe();
    try {
      expect(await holdsWithin(async () => (await readFile(path, 'utf8').catch(() => '')).includes('"ready\\r\\n"'))).toBe(true);
    } finally {
      subscription.unsubscribe();
    }
  });

  it('opens the file before spawning: a bad path errors with a RecordingError naming it, and the command is not run', async () => {
    const marker = join(dir(), 'ran');
    const path = join(dir(), 'no-such-dir', 'x.cast');
    const { events, error } = await collectSettled(pipemux('touch', [marker]).pipe(record(path)));
    expect(events).toEqual([]);
    expect(error).toBeInstanceOf(RecordingError);
    expect((error as RecordingError).path).toBe(path);
    expect((error as RecordingError).code).toBe('ENOENT');
    expect((error as Error).message).toContain(path);
    expect(existsSync(marker)).toBe(false);
  });

  it('records into a named pipe that someone reads, and fails at once (ENXIO) on one nobody reads, without running the command', async () => {
    const fifo = join(dir(), 'recording.fifo');
    await execFileAsync('mkfifo', [fifo]);
    const marker = join(dir(), 'ran-fifo');
    const { error } = await collectSettled(pipemux('touch', [marker]).pipe(record(fifo)));
    expect([(error as RecordingError).code, (error as RecordingError).path]).toEqual(['ENXIO', fifo]);
    expect(existsSync(marker)).toBe(false);

    // A reader that is there before the recording starts (opened without waiting for a writer).
    const readerFd = await openFd(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    const reader = new Socket({ fd: readerFd, readable: true, writable: false });
    const received: Buffer[] = [];
    reader.on('data', (chunk: Buffer) => received.push(chunk));
    const readerDone = new Promise((resolve) => reader.once('end', resolve));
    const events = await collect(pipemux('echo', ['through the pipe']).pipe(record(fifo)));
    expect(exitOf(events).code).toBe(0);
    await readerDone;
    expect(Buffer.concat(received).toString()).toContain('"through the pipe\\r\\n"');
  });

  it('a write error (a full disk: /dev/full) errors the timeline with a RecordingError and kills the child, leaving no fd', async () => {
    const fdsBefore = await openFdCount();
    let pid = 0;
    const { error } = await collectSettled(
      pipemux(...nodeFixture('forever.mjs')).pipe(
        filter((event: MuxEvent) => {
          if (event.type === 'spawn') pid = event.pid;
          return true;
        }),
        record('/dev/full'),
      ),
    );
    expect(error).toBeInstanceOf(RecordingError);
    expect((error as RecordingError).code).toBe('ENOSPC');
    expect((error as RecordingError).path).toBe('/dev/full');
    expect((error as RecordingError).command).toContain('forever.mjs');
    expect(await holdsWithin(() => !isAlive(pid))).toBe(true);
    expect(await holdsWithin(async () => (await openFdCount()) === fdsBefore)).toBe(true);
  });

  it('a write error at the very end (a short run into /dev/full) still errors the timeline: the recording is not complete', async () => {
    // The file stream reports it in the write's callback; its 'error' event comes only after closing.
    const { events, error } = await collectSettled(pipemux('seq', ['1', '3']).pipe(record('/dev/full')));
    expect(error).toBeInstanceOf(RecordingError);
    expect((error as RecordingError).code).toBe('ENOSPC');
    expect(events.filter((event) => event.type === 'exit')).toEqual([]);
  });

  it.each([
    ['destroyed', (stream: Writable) => stream.destroy()],
    ['ended', (stream: Writable) => stream.end()],
  ])("a caller's Writable %s before the recording errors the timeline with a RecordingError instead of waiting for ever", async (_how, spoil) => {
    const dead = new Writable({ write: (_chunk, _encoding, callback) => callback() });
    dead.on('error', () => {});
    spoil(dead);
    const { error } = await collectSettled(pipemux('seq', ['1', '3']).pipe(record(dead)));
    expect(error).toBeInstanceOf(RecordingError);
    expect((error as RecordingError).reason).toMatch(/^cannot write the recording stream: the stream was (ended or destroyed|destroyed|closed)/);
  });

  it("a caller's Writable destroyed while full errors the timeline with a RecordingError instead of waiting for ever", async () => {
    // Never calls back: full after its first write, then destroyed: no 'drain', no 'error'.
    const stuck = new Writable({ highWaterMark: 1024, write() {} });
    const { error } = await collectSettled(
      pipemux('seq', ['1', '100000']).pipe(
        tap((event: MuxEvent) => {
          if (event.type === 'spawn') setImmediate(() => stuck.destroy());
        }),
        record(stuck),
      ),
    );
    expect(error).toBeInstanceOf(RecordingError);
  });

  it('unsubscribing closes a named pipe at once, even when its reader does not read', async () => {
    const fifo = join(dir(), 'stalled.fifo');
    await execFileAsync('mkfifo', [fifo]);
    // A reader that never reads: our writes fill the pipe, the rest waits in the recording's memory.
    const readerFd = await openFd(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const fdsBefore = await openFdCount();
      const seen = await firstValueFrom(pipemux('seq', ['1', '1000000']).pipe(record(fifo), only('stdout'), take(200_000), toArray()));
      expect(seen).toHaveLength(200_000);
      expect(await holdsWithin(async () => (await openFdCount()) === fdsBefore)).toBe(true);
    } finally {
      closeSync(readerFd);
    }
  });

  it("a caller's Writable that fails errors the timeline with a RecordingError and kills the child", async () => {
    let pid = 0;
    const failing = new Writable({ write: (_chunk, _encoding, callback) => callback(new Error('disk on fire')) });
    const { error } = await collectSettled(
      pipemux(...nodeFixture('forever.mjs')).pipe(
        tap((event: MuxEvent) => {
          if (event.type === 'spawn') pid = event.pid;
        }),
        record(failing),
      ),
    );
    expect(error).toBeInstanceOf(RecordingError);
    expect((error as RecordingError).reason).toBe('cannot write the recording stream: disk on fire');
    expect(await holdsWithin(() => !isAlive(pid))).toBe(true);
  });

  it('unsubscribing early keeps what was recorded, closes the file and kills the child', async () => {
    const path = join(dir(), 'early.cast');
    const fdsBefore = await openFdCount();
    const spawn = await firstValueFrom(pipemux(...nodeFixture('forever.mjs')).pipe(record(path), only('stdout'), take(1)));
    expect(spawn.data).toBe('ready');
    expect(await holdsWithin(async () => (await openFdCount()) === fdsBefore)).toBe(true);
    const { events } = await readRecording(path);
    expect(events).toEqual([[expect.any(Number), 'o', 'ready\r\n']]);
  });

  it('waits for a slow Writable (write() false) without losing text, and does not end it', async () => {
    const slow = slowWritable();
    const events = await collect(pipemux(...nodeFixture('print-lines.mjs', '50000')).pipe(record(slow.stream)));
    expect(exitOf(events).code).toBe(0);
    expect(slow.refusals()).toBeGreaterThan(0);
    expect(slow.stream.writableEnded).toBe(false);
    const lines = slow.text().split('\n');
    const output = lines
      .slice(1, -2)
      .map((line) => (JSON.parse(line) as string[])[2])
      .join('');
    expect(output).toBe(Array.from({ length: 50000 }, (_, i) => `line ${i}\r\n`).join(''));
    expect(JSON.parse(lines.at(-2)!)).toEqual([expect.any(Number), 'x', '0']);
  });

  it('ends a Writable given as { stream, end: true } before the exit event', async () => {
    const slow = slowWritable();
    let endedAtExit = false;
    await collect(
      pipemux('echo', ['hi']).pipe(
        record({ stream: slow.stream, end: true }),
        filter((event) => {
          if (event.type === 'exit') endedAtExit = slow.stream.writableFinished;
          return true;
        }),
      ),
    );
    expect(endedAtExit).toBe(true);
  });

  it('records a child that exits at once: a header and the exit status', async () => {
    const path = join(dir(), 'at-once.cast');
    await collect(pipemux('true').pipe(record(path, { format: 'v2', cols: 120, rows: 40, title: 'nothing' })));
    const { header, events } = await readRecording(path);
    expect(header).toMatchObject({ version: 2, width: 120, height: 40, title: 'nothing', command: 'true' });
    expect(events).toEqual([[expect.any(Number), 'x', '0']]);
  });

  it('records a child killed by a signal: status 128+n and a tag that replay() reads back', async () => {
    const path = join(dir(), 'killed.cast');
    const live = await collect(pipemux(...nodeFixture('exit-with.mjs', 'SIGTERM')).pipe(record(path)));
    expect(exitOf(live).signal).toBe('SIGTERM');
    const { events } = await readRecording(path);
    expect(events.slice(-2).map(([, code, data]) => [code, data])).toEqual([
      ['e', 'signal SIGTERM'],
      ['x', '143'],
    ]);
    const replayed = exitOf(await collect(replay(path, { speed: Infinity })));
    expect([replayed.code, replayed.signal]).toEqual([null, 'SIGTERM']);
  });

  it('forwards the timeline error after closing the recording (reject: true)', async () => {
    const path = join(dir(), 'rejected.cast');
    const { events, error } = await collectSettled(pipemux(...nodeFixture('exit-with.mjs', '2'), { reject: true }).pipe(record(path)));
    expect(exitOf(events).code).toBe(2);
    expect((error as Error).name).toBe('ExitError');
    expect((await readRecording(path)).events.at(-1)).toEqual([expect.any(Number), 'x', '2']);
  });

  it('records each subscription afresh (cold): the second run overwrites the file', async () => {
    const path = join(dir(), 'twice.cast');
    await writeFile(path, 'old contents that are longer than the new ones\n'.repeat(100));
    const timeline = pipemux(...nodeFixture('write-chunks.mjs', piece('out', 'one\n'))).pipe(record(path));
    await collect(timeline);
    await collect(timeline);
    const { events } = await readRecording(path);
    expect(events.map(([, code, data]) => [code, data])).toEqual([
      ['o', 'one\r\n'],
      ['x', '0'],
    ]);
  });

  it.each<[string, () => unknown]>([
    ['an empty path', () => record('')],
    ['a number as target', () => record(3 as never)],
    ['format v4', () => record('x.cast', { format: 'v4' as never })],
    ['cols 0', () => record('x.cast', { cols: 0 })],
    ['an unknown option', () => record('x.cast', { colour: true } as never)],
  ])('throws InvalidOptionError at call time for %s', (_name, call) => {
    expect(call).toThrow(InvalidOptionError);
  });
});
