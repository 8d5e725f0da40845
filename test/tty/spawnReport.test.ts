import { spawn as spawnProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isatty } from 'node:tty';
import { tap } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { pipemux, type PipemuxOptions, type SpawnEvent } from '../../src/index.js';
import { collect, dataOf, exitOf } from '../helpers/collect.js';
import { type ChildView, expectReportMatchesView, STAYING_REPORTER } from './childView.js';
import { viteNode } from './terminalSession.js';

/**
 * Runs report-tty.mjs --stay under pipemux and kills it once it printed what it sees, so the
 * inspection read a running child. Returns the spawn event and the child's own view.
 */
async function runReporter(options: PipemuxOptions = {}): Promise<{ spawn: SpawnEvent; view: ChildView }> {
  let pid = 0;
  const events = await collect(
    pipemux(process.execPath, STAYING_REPORTER, options).pipe(
      tap((event) => {
        if (event.type === 'spawn') pid = event.pid;
        if (event.type === 'stdout') process.kill(pid, 'SIGTERM');
      }),
    ),
  );
  expect(exitOf(events).signal).toBe('SIGTERM');
  const [line] = dataOf(events, 'stdout');
  return { spawn: events[0] as SpawnEvent, view: JSON.parse(String(line)) as ChildView };
}

const SOCKET = { kind: 'socket', isatty: false, target: expect.stringMatching(/^socket:\[\d+\]$/) as string };

describe.runIf(process.platform === 'linux')('the spawn event reports what the child sees', () => {
  it('by default: stdin /dev/null, stdout and stderr sockets, and the parent own fds', async () => {
    const { spawn, view } = await runReporter();
    expectReportMatchesView(spawn.tty, view);
    expect(spawn.tty).toEqual({
      stdin: { kind: 'null', isatty: false, target: '/dev/null' },
      stdout: SOCKET,
      stderr: SOCKET,
      controllingTerminal: view.devTty,
      parent: { stdin: isatty(0), stdout: isatty(1), stderr: isatty(2) },
      source: 'proc',
    });
  });

  it('stdin ignored explicitly', async () => {
    const { spawn, view } = await runReporter({ stdin: 'ignore' });
    expectReportMatchesView(spawn.tty, view);
    expect(spawn.tty.stdin).toEqual({ kind: 'null', isatty: false, target: '/dev/null' });
  });

  it('stdin piped (data to write)', async () => {
    const { spawn, view } = await runReporter({ stdin: 'some input\n' });
    expectReportMatchesView(spawn.tty, view);
    expect(spawn.tty.stdin).toEqual(SOCKET);
  });

  it('stdin a FIFO: the report names the same path as fifoPath', async () => {
    const { spawn, view } = await runReporter({ stdin: { fifo: true } });
    expectReportMatchesView(spawn.tty, view);
    expect(spawn.tty.stdin).toEqual({ kind: 'fifo', isatty: false, target: spawn.fifoPath });
    expect(spawn.fifoPath).toMatch(/^\//);
  });

  it('stdin inherited: whatever this process has on fd 0', async () => {
    const { spawn, view } = await runReporter({ stdin: 'inherit' });
    expectReportMatchesView(spawn.tty, view);
  });

  it('stdin inherited from a file: a parent whose own stdin is a file runs pipemux', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pipemux-tty-'));
    const input = join(dir, 'input.txt');
    await writeFile(input, 'not read\n');
    const handle = await open(input, 'r');
    try {
      const [file, ...args] = viteNode('report-tty-parent.ts', 'inherit');
      const parent = spawnProcess(file!, args, { stdio: [handle.fd, 'pipe', 'inherit'] });
      let stdout = '';
      parent.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      const [code] = (await once(parent, 'close')) as [number | null];
      expect(code).toBe(0);
      const { tty, view } = JSON.parse(stdout) as { tty: SpawnEvent['tty']; view: ChildView };
      expectReportMatchesView(tty, view);
      expect(tty.stdin).toEqual({ kind: 'file', isatty: false, target: input });
    } finally {
      await handle.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
