import { spawn, type IOType } from 'node:child_process';
import { once } from 'node:events';
import { constants } from 'node:fs';
import { mkdtemp, open, rm, writeFile, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isatty } from 'node:tty';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChildStdin } from '../../src/process/spawnChild.js';
import { describeOwnFd } from '../../src/tty/ownFds.js';
import { inspectTty } from '../../src/tty/ttyInspector.js';
import type { FdReport } from '../../src/index.js';
import { expectKindsMatchView, expectReportMatchesView, startReporter } from './childView.js';

/** One way to give the child its stdin: the stdio entry for child_process, the value pipemux would spawn with, what /proc shows. */
interface StdinCase {
  stdio: IOType | number;
  config: ChildStdin | number;
  expected?: FdReport;
}

let dir: string;
const handles: FileHandle[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pipemux-tty-'));
});
afterEach(async () => {
  await Promise.all(handles.splice(0).map((handle) => handle.close()));
  await rm(dir, { recursive: true, force: true });
});

async function openHandle(path: string, flags: number | string): Promise<FileHandle> {
  const handle = await open(path, flags);
  handles.push(handle);
  return handle;
}

const STDIN_CASES: Record<string, () => Promise<StdinCase>> = {
  ignored: () => Promise.resolve({ stdio: 'ignore', config: 'ignore', expected: { kind: 'null', isatty: false, target: '/dev/null' } }),
  piped: () =>
    Promise.resolve<StdinCase>({
      stdio: 'pipe',
      config: 'pipe',
      expected: { kind: 'socket', isatty: false, target: expect.stringMatching(/^socket:\[\d+\]$/) as unknown as string },
    }),
  'a FIFO': async () => {
    const path = join(dir, 'stdin.fifo');
    await execa('mkfifo', ['-m', '600', path]);
    // O_RDWR: opening a FIFO read-only would wait for a writer.
    const handle = await openHandle(path, constants.O_RDWR);
    return { stdio: handle.fd, config: handle.fd, expected: { kind: 'fifo', isatty: false, target: path } };
  },
  'inherited (this process stdin)': () => Promise.resolve({ stdio: 'inherit', config: 'inherit' }),
};

describe.runIf(process.platform === 'linux')('inspectTty', () => {
  it.each(Object.keys(STDIN_CASES))('reads from /proc what the child has, stdin %s', async (name) => {
    const { stdio, config, expected } = await STDIN_CASES[name]!();
    const reporter = await startReporter([stdio, 'pipe', 'pipe']);
    try {
      const report = await inspectTty(reporter.view.pid, { stdin: config, stdout: 'pipe', stderr: 'pipe' });
      expectReportMatchesView(report, reporter.view);
      if (expected !== undefined) expect(report.stdin).toEqual(expected);
      expect(report.stdout).toEqual({ kind: 'socket', isatty: false, target: expect.stringMatching(/^socket:\[\d+\]$/) as string });
      expect(report.parent).toEqual({ stdin: isatty(0), stdout: isatty(1), stderr: isatty(2) });
    } finally {
      await reporter.stop();
    }
  });

  it('reads a regular file on stdin and stderr, with their paths', async () => {
    const input = join(dir, 'input.txt');
    const log = join(dir, 'stderr.log');
    await writeFile(input, 'hello\n');
    const [stdin, stderr] = [await openHandle(input, 'r'), await openHandle(log, 'w')];
    const reporter = await startReporter([stdin.fd, 'pipe', stderr.fd]);
    try {
      const report = await inspectTty(reporter.view.pid, { stdin: 'inherit', stdout: 'pipe', stderr: 'pipe' });
      expectReportMatchesView(report, reporter.view);
      expect([report.stdin, report.stderr]).toEqual([
        { kind: 'file', isatty: false, target: input },
        { kind: 'file', isatty: false, target: log },
      ]);
    } finally {
      await reporter.stop();
    }
  });

  it('never waits on the child: a stopped child (SIGSTOP) is read all the same', async () => {
    const reporter = await startReporter(['pipe', 'pipe', 'pipe']);
    process.kill(reporter.view.pid, 'SIGSTOP');
    try {
      const report = await inspectTty(reporter.view.pid, { stdin: 'pipe', stdout: 'pipe', stderr: 'pipe' });
      expectReportMatchesView(report, reporter.view);
    } finally {
      process.kill(reporter.view.pid, 'SIGCONT');
      await reporter.stop();
    }
  });

  it('reads closed fds as closed', async () => {
    // bash closes fds 0 and 2, says so, then blocks reading fd 3 (which we never write). No exec
    // afterwards: a new program opens its libraries and locale files on the lowest free fd, 0.
    const child = spawn('bash', ['-c', 'exec 0<&- 2>&-; echo closed; read -r -u 3'], { stdio: ['pipe', 'pipe', 'pipe', 'pipe'] });
    try {
      const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
      expect(String(chunk)).toBe('closed\n');
      const report = await inspectTty(child.pid!, { stdin: 'pipe', stdout: 'pipe', stderr: 'pipe' });
      expect([report.stdin, report.stdout.kind, report.stderr, report.source]).toEqual([
        { kind: 'closed', isatty: false },
        'socket',
        { kind: 'closed', isatty: false },
        'proc',
      ]);
    } finally {
      child.kill();
      await once(child, 'exit');
    }
  });

  it.each(Object.keys(STDIN_CASES))('derives the same from the config once the child is gone, stdin %s', async (name) => {
    const { stdio, config } = await STDIN_CASES[name]!();
    const reporter = await startReporter([stdio, 'pipe', 'pipe']);
    await reporter.stop();
    const report = await inspectTty(reporter.view.pid, { stdin: config, stdout: 'pipe', stderr: 'pipe' });
    expect(report.source).toBe('config');
    expectKindsMatchView(report, reporter.view);
  });

  it.each(Object.keys(STDIN_CASES))('derives the same from the config where there is no /proc, stdin %s', async (name) => {
    const { stdio, config } = await STDIN_CASES[name]!();
    const reporter = await startReporter([stdio, 'pipe', 'pipe']);
    try {
      const report = await inspectTty(reporter.view.pid, { stdin: config, stdout: 'pipe', stderr: 'pipe' }, join(dir, 'no-proc'));
      expect(report.source).toBe('config');
      expectKindsMatchView(report, reporter.view);
    } finally {
      await reporter.stop();
    }
  });
});

describe.runIf(process.platform === 'linux')('describeOwnFd (what stdin: inherit gives the child)', () => {
  it.each([
    ['a file', async () => openHandle(join(dir, 'f'), 'w'), (path: string) => ({ kind: 'file', isatty: false, target: path })],
    ['/dev/null', async () => openHandle('/dev/null', 'r'), () => ({ kind: 'null', isatty: false, target: '/dev/null' })],
    [
      'a FIFO',
      async () => {
        await execa('mkfifo', [join(dir, 'f')]);
        return openHandle(join(dir, 'f'), constants.O_RDWR);
      },
      (path: string) => ({ kind: 'fifo', isatty: false, target: path }),
    ],
  ] as const)('%s', async (_name, openFd, expected) => {
    const handle = await openFd();
    expect(await describeOwnFd(handle.fd, '/proc')).toEqual(expected(join(dir, 'f')));
  });

  it('a closed fd', async () => {
    const handle = await open('/dev/null', 'r');
    const { fd } = handle;
    await handle.close();
    expect(await describeOwnFd(fd, '/proc')).toEqual({ kind: 'closed', isatty: false });
  });
});
