import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { CommandNotFoundError, FifoError, FifoUnsupportedError, pipemux, type SpawnEvent } from '../../src/index.js';
import { FifoInput } from '../../src/stdin/fifoInput.js';
import { collect, collectSettled, exitOf } from '../helpers/collect.js';
import { fixture } from '../helpers/fixtures.js';
import { isAlive, openFdCount } from '../helpers/processes.js';
import { TimelineProbe, waitUntilGone } from './timelineProbe.js';
import { useTempDir } from '../helpers/tempDir.js';

const viteNode = fileURLToPath(new URL('../../node_modules/.bin/vite-node', import.meta.url));

const parent = useTempDir('pipemux-test-', 'test');

describe('the FIFO and its dir are removed on every way out', () => {
  it('normal exit: gone before the timeline completes', async () => {
    const events = await collect(pipemux('cat', [], { stdin: { fifo: true, source: 'done\n', dir: parent() } }));
    expect(exitOf(events).code).toBe(0);
    expect((events[0] as SpawnEvent).fifoPath).toContain(parent());
    expect(await readdir(parent())).toEqual([]);
  });

  it('spawn error (command not found): gone before the error arrives', async () => {
    const { events, error } = await collectSettled(pipemux('pipemux-no-such-command', [], { stdin: { fifo: true, dir: parent() } }));
    expect(error).toBeInstanceOf(CommandNotFoundError);
    expect(events).toEqual([]);
    expect(await readdir(parent())).toEqual([]);
  });

  it('unsubscribe: the child is killed, then the FIFO and dir go', async () => {
    const probe = new TimelineProbe(pipemux('cat', [], { stdin: { fifo: true, dir: parent() } }));
    const { fifoPath, pid } = await probe.spawned();
    probe.subscription.unsubscribe();
    await waitUntilGone(dirname(fifoPath!));
    expect(await readdir(parent())).toEqual([]);
    expect(isAlive(pid)).toBe(false); // released only after the child is gone
  });

  it('child killed: the timeline ends with the signal, the FIFO and dir are gone', async () => {
    const source = new Subject<string>();
    const probe = new TimelineProbe(pipemux('cat', [], { stdin: { fifo: true, source, dir: parent() } }));
    const { pid } = await probe.spawned();
    process.kill(pid, 'SIGKILL');
    const { events, error } = await probe.settled;
    expect(error).toBeUndefined();
    expect(exitOf(events).signal).toBe('SIGKILL');
    expect(await readdir(parent())).toEqual([]);
    expect(source.observed).toBe(false); // the source was unsubscribed
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('the parent process is sent %s: its exit handler removes them', async (signal) => {
    const probe = new TimelineProbe(pipemux(viteNode, [fixture('stdin-fifo-parent.ts'), parent()]));
    const announced = await probe.stdoutLine((line) => line.startsWith('fifo '));
    const [, fifoPath, parentPid] = announced.split(' ');
    // The FIFO, and the file naming its owner (for the sweep of dirs whose owner was killed with SIGKILL).
    expect((await readdir(dirname(fifoPath!))).sort()).toEqual(['owner', 'stdin']);
    process.kill(Number(parentPid), signal);
    const { events, error } = await probe.settled;
    expect(error).toBeUndefined();
    expect(exitOf(events).signal).toBe(signal); // signal-exit re-raises the signal after cleaning up
    expect(await readdir(parent())).toEqual([]);
  });

  it('a dir that does not exist: a FifoError that names the path, nothing spawned', async () => {
    const missing = join(parent(), 'missing');
    const { events, error } = await collectSettled(pipemux('cat', [], { stdin: { fifo: true, dir: missing } }));
    expect(error).toBeInstanceOf(FifoError);
    expect((error as FifoError).path).toBe(missing);
    expect((error as FifoError).message).toContain(missing);
    expect((error as FifoError).command).toBe('cat');
    expect(events).toEqual([]);
  });

  it('on Windows { fifo: true } rejects with a FifoUnsupportedError and makes nothing', async () => {
    const input = new FifoInput({ fifo: true, dir: parent() }, { command: 'cat', cwd: process.cwd() }, 'win32');
    await expect(input.prepare(() => {})).rejects.toBeInstanceOf(FifoUnsupportedError);
    await input.dispose();
    expect(await readdir(parent())).toEqual([]);
  });

  it('leaves no fd open after runs that end every way', async () => {
    const runAll = async () => {
      await collect(pipemux('cat', [], { stdin: { fifo: true, source: [['a', 'b']], dir: parent() } }));
      await collect(pipemux('cat', [], { stdin: ['piped\n'] }));
      await collectSettled(pipemux('pipemux-no-such-command', [], { stdin: { fifo: true, dir: parent() } }));
      const probe = new TimelineProbe(pipemux('cat', [], { stdin: { fifo: true, dir: parent() } }));
      const { fifoPath } = await probe.spawned();
      probe.subscription.unsubscribe();
      await waitUntilGone(dirname(fifoPath!));
    };
    await runAll(); // warm up: modules, libuv's signal pipe, execa's handlers
    const baseline = await openFdCount();
    await runAll();
    await runAll();
    expect(await openFdCount()).toBe(baseline);
  });
});
