import { describe, expect, it } from 'vitest';
import type { TtyReport } from '../../src/index.js';
import { inspectTty } from '../../src/tty/ttyInspector.js';
import { type ChildView, expectReportMatchesView, STAYING_REPORTER, startReporter } from './childView.js';
import { inTerminalSession, runToEnd, SCRIPT_ENV, viteNode } from './terminalSession.js';

const PTS = /^\/dev\/pts\/\d+$/;
const ON_THE_PTY = { kind: 'tty', isatty: true, target: expect.stringMatching(PTS) as string };

describe.runIf(process.platform === 'linux')('controllingTerminal', () => {
  it('is true for a child in a terminal session (script gives it a pty), with the pty on fds 0-2', async () => {
    const reporter = await startReporter(['ignore', 'pipe', 'pipe'], ...inTerminalSession([process.execPath, ...STAYING_REPORTER]), SCRIPT_ENV);
    try {
      const report = await inspectTty(reporter.view.pid, { stdin: 'inherit', stdout: 'pipe', stderr: 'pipe' });
      expect(reporter.view.devTty).toBe(true);
      expectReportMatchesView(report, reporter.view);
      expect(report).toMatchObject({ stdin: ON_THE_PTY, stdout: ON_THE_PTY, stderr: ON_THE_PTY, controllingTerminal: true });
    } finally {
      await reporter.stop();
    }
  });

  it('is false under setsid although fds 0-2 are still the pty (isatty is true, /dev/tty does not open)', async () => {
    const reporter = await startReporter(['ignore', 'pipe', 'pipe'], ...inTerminalSession(['setsid', '-w', process.execPath, ...STAYING_REPORTER]), SCRIPT_ENV);
    try {
      const report = await inspectTty(reporter.view.pid, { stdin: 'inherit', stdout: 'pipe', stderr: 'pipe' });
      expect(reporter.view.devTty).toBe(false);
      expectReportMatchesView(report, reporter.view);
      expect(report).toMatchObject({ stdin: ON_THE_PTY, stdout: ON_THE_PTY, controllingTerminal: false });
    } finally {
      await reporter.stop();
    }
  });

  it('is false for a detached child (a session of its own)', async () => {
    const reporter = await startReporter(['ignore', 'pipe', 'pipe'], process.execPath, STAYING_REPORTER, undefined, { detached: true });
    try {
      const report = await inspectTty(reporter.view.pid, { stdin: 'ignore', stdout: 'pipe', stderr: 'pipe' });
      expectReportMatchesView(report, reporter.view);
      expect(report.controllingTerminal).toBe(false);
    } finally {
      await reporter.stop();
    }
  });
});

interface ParentOutput {
  tty: TtyReport;
  view: ChildView;
  description: string[];
}

describe.runIf(process.platform === 'linux')('pipemux run from a terminal', () => {
  it('reports the pty on inherited stdin, sockets on stdout/stderr, the controlling terminal and the parent own terminals', async () => {
    const { stdout, code } = await runToEnd(...inTerminalSession(viteNode('report-tty-parent.ts', 'inherit')), SCRIPT_ENV);
    expect(code).toBe(0);
    const output = JSON.parse(stdout.split('\n')[0]!) as ParentOutput;
    expectReportMatchesView(output.tty, output.view);
    expect(output.tty).toMatchObject({
      stdin: ON_THE_PTY,
      stdout: { kind: 'socket', isatty: false },
      stderr: { kind: 'socket', isatty: false },
      controllingTerminal: true,
      parent: { stdin: true, stdout: true, stderr: true },
    });
    expect(output.description.at(-1)).toBe(
      "Your stdout and stderr are terminals but the child's are not: that is why it behaves differently than in your shell.",
    );
  });
});
