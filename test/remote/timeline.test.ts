import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { describeTty, interact, pipemux, prefix, type MuxEvent, type SpawnEvent } from '../../src/index.js';
import { collect, dataOf, exitOf } from '../helpers/collect.js';
import { fixture, nodeFixture } from '../helpers/fixtures.js';
import { useTempDir } from '../helpers/tempDir.js';
import { countOnHost, skipReason, useSshd } from './support/remoteSupport.js';

const node = process.execPath;

describe.skipIf(skipReason !== undefined)(`a command on another host (sshd on loopback)${skipReason ? `: skipped, ${skipReason}` : ''}`, () => {
  const sshd = useSshd();
  const tempDir = useTempDir('pipemux-remote-');

  it('gives the same timeline as a local child: spawn with where it runs, stdout and stderr apart, exit last', async () => {
    const events = await collect(pipemux('sh', ['-c', 'echo out 1; echo err 1 >&2; echo out 2; exit 3'], { remote: sshd().remote() }));
    const spawn = events[0] as SpawnEvent;
    expect(spawn.type).toBe('spawn');
    expect(spawn.command).toBe("sh -c 'echo out 1; echo err 1 >&2; echo out 2; exit 3'");
    expect(spawn.remote).toEqual({ host: '127.0.0.1', port: sshd().port, pid: expect.any(Number) as number, pgid: expect.any(Number) as number });
    expect(dataOf(events, 'stdout')).toEqual(['out 1', 'out 2']);
    expect(dataOf(events, 'stderr')).toEqual(['err 1']);
    expect(exitOf(events)).toMatchObject({ code: 3, signal: null, timedOut: false });
    expect(events.filter((event) => event.type === 'spawn' || event.type === 'exit')).toHaveLength(2);
  });

  it.each([0, 1, 42, 126, 127, 254, 255])('passes exit code %i on, 255 included (not taken for an ssh failure)', async (code) => {
    const events = await collect(pipemux(node, [fixture('exit-with.mjs'), String(code)], { remote: sshd().remote() }));
    expect(exitOf(events)).toMatchObject({ code, signal: null });
  });

  it('delivers arguments as given: spaces, quotes, $(), backquotes, globs, newlines, empty strings, none run by the remote shell', async () => {
    const marker = join(tempDir(), 'injected');
    const args = ['a  b', "it's", '"dq"', `$(touch ${marker})`, `\`touch ${marker}\``, '*', '', 'line 1\nline 2', '!!', 'back\\slash', '; touch x', '-n'];
    const events = await collect(pipemux(node, [fixture('print-args.mjs'), ...args], { remote: sshd().remote() }));
    expect(JSON.parse(dataOf(events, 'stdout').join('\n'))).toEqual(args);
    await expect(readFile(marker)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('runs a shell command line on the host with shell: true', async () => {
    const events = await collect(pipemux('echo "$((6 * 7))" | tr 4 x', [], { shell: true, remote: sshd().remote() }));
    expect(dataOf(events, 'stdout')).toEqual(['x2']);
  });

  it('sets env and cwd on the host (cwd relative to the login directory works too)', async () => {
    const dir = tempDir();
    const events = await collect(
      pipemux('sh', ['-c', 'echo "$GREETING|$(pwd)|${HOME+home is set}"'], { cwd: dir, env: { GREETING: 'hello there' }, remote: sshd().remote() }),
    );
    expect(dataOf(events, 'stdout')).toEqual([`hello there|${dir}|home is set`]);
  });

  it('says what the command sees on the host: pipes from sshd, no terminal', async () => {
    const [spawn] = await collect(pipemux('true', [], { remote: sshd().remote() }));
    if (spawn?.type !== 'spawn') throw new Error('no spawn event');
    expect(spawn.tty).toMatchObject({
      stdin: { kind: 'pipe', isatty: false },
      stdout: { kind: 'pipe' },
      stderr: { kind: 'pipe' },
      controllingTerminal: false,
      source: 'remote',
    });
    expect(describeTty(spawn.tty).at(-1)).toMatch(/remote host/);
  });

  it('feeds a stdin source to the remote command, EOF included', async () => {
    const events = await collect(pipemux('cat', [], { stdin: [['apple', 'banana'], 'cherry\n'], remote: sshd().remote() }));
    expect(dataOf(events, 'stdout')).toEqual(['apple', 'banana', 'cherry']);
    expect(exitOf(events).code).toBe(0);
  });

  it('feeds the remote command through a FIFO that other processes write into', async () => {
    const input = new Subject<string>();
    const events: MuxEvent[] = [];
    await new Promise<void>((resolve, reject) => {
      pipemux('cat', [], { stdin: { fifo: true, source: input }, remote: sshd().remote() }).subscribe({
        next: (event) => {
          events.push(event);
          if (event.type === 'spawn') void writeFile(event.fifoPath!, 'from a writer\n').then(() => input.next('from the source\n'));
          if (event.type === 'stdout' && event.data === 'from the source') input.complete();
        },
        error: reject,
        complete: resolve,
      });
    });
    expect(dataOf(events, 'stdout')).toEqual(['from a writer', 'from the source']);
  });

  it('chunk mode and tee carry the remote bytes exactly (sha256), stderr records of pipemux excluded', async () => {
    const dir = tempDir();
    const [file, args] = nodeFixture('flood.mjs', '7', String(3 << 20));
    const events = await collect(
      pipemux(file, args, { mode: 'chunks', tee: { stdout: join(dir, 'out.bin'), stderr: join(dir, 'err.txt') }, remote: sshd().remote() }),
    );
    const received = Buffer.concat(dataOf<Buffer>(events, 'stdout'));
    const reported = Buffer.concat(dataOf<Buffer>(events, 'stderr')).toString().trim();
    expect(received.length).toBe(3 << 20);
    expect(createHash('sha256').update(received).digest('hex')).toBe(reported);
    expect(
      createHash('sha256')
        .update(await readFile(join(dir, 'out.bin')))
        .digest('hex'),
    ).toBe(reported);
    expect((await readFile(join(dir, 'err.txt'), 'utf8')).trim()).toBe(reported);
  });

  it('works with the operators: prefix on both streams', async () => {
    const events = await collect(
      pipemux('sh', ['-c', 'echo a; echo b >&2'], { remote: sshd().remote() }).pipe(prefix({ stdout: '[db1] ', stderr: '[db1] E: ' })),
    );
    expect([...dataOf(events, 'stdout'), ...dataOf(events, 'stderr')]).toEqual(['[db1] a', '[db1] E: b']);
  });

  it("keeps a last line without a newline, and the command's stderr bytes before pipemux's end record", async () => {
    const events = await collect(pipemux('printf', ['no newline'], { remote: sshd().remote() }));
    expect(dataOf(events, 'stdout')).toEqual(['no newline']);
    const errors = await collect(pipemux('sh', ['-c', 'printf "half a line" >&2'], { remote: sshd().remote() }));
    expect(dataOf(errors, 'stderr')).toEqual(['half a line']);
  });

  it('lineBuffered: stdbuf on the host, and the report says so', async () => {
    const [spawn] = await collect(pipemux('true', [], { lineBuffered: true, remote: sshd().remote() }));
    expect(spawn).toMatchObject({ type: 'spawn', lineBuffering: { applied: ['stdbuf', 'PYTHONUNBUFFERED'], notApplied: [] } });
  });

  it('a child the command left running with its stdout: the exit event after drainTimeout, naming the held pipes; the child is left alone', async () => {
    const marker = `pipemux-held-${process.pid}`;
    const started = performance.now();
    const events = await collect(pipemux('sh', ['-c', `echo started; sh -c "sleep 30" ${marker} & exit 4`], { drainTimeout: 300, remote: sshd().remote() }));
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(dataOf(events, 'stdout')).toEqual(['started']);
    expect(exitOf(events)).toMatchObject({ code: 4, signal: null, pipesHeldOpen: ['stdout', 'stderr'] });
    // Not a kill: what the command left running stays (ended here by the test, with its process group).
    expect(await countOnHost(sshd(), marker)).toBe(1);
    const { pgid } = (events[0] as SpawnEvent).remote!;
    await collect(pipemux('sh', ['-c', `kill -s TERM -- -${pgid}`], { remote: sshd().remote() }));
    expect(await countOnHost(sshd(), marker)).toBe(0);
  });

  it('interact(): an expect session with a program on the host (bc)', async () => {
    const session = interact('bc', ['-q'], { remote: sshd().remote() });
    await session.sendLine('6 * 7');
    expect((await session.expect(/\d+\n/)).match[0]).toBe('42\n');
    await session.end();
    expect(await session.exited).toMatchObject({ type: 'exit', code: 0, signal: null });
  });

  it('reject: true errors with an ExitError naming the host after the exit event', async () => {
    const events: MuxEvent[] = [];
    const error = await new Promise((resolve) =>
      pipemux('false', [], { reject: true, remote: sshd().remote() }).subscribe({ next: (event) => events.push(event), error: resolve }),
    );
    expect(exitOf(events).code).toBe(1);
    expect(error).toMatchObject({ name: 'ExitError', exitCode: 1, message: expect.stringContaining('127.0.0.1') as string });
  });
});
