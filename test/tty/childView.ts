import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { expect } from 'vitest';
import type { FdKind, TtyReport } from '../../src/index.js';
import { fixture } from '../helpers/fixtures.js';

/** What report-tty.mjs saw on one of its fds. */
export interface FdView {
  isatty: boolean;
  /** fstat type: 'fifo', 'socket', 'file', 'char', 'other' or 'closed'. */
  type: string;
  /** Its /proc/self/fd link. */
  link: string | null;
}

/** The JSON line report-tty.mjs prints. */
export interface ChildView {
  pid: number;
  fds: [FdView, FdView, FdView];
  /** It could open /dev/tty. */
  devTty: boolean;
}

/** report-tty.mjs, staying alive after its report until it is killed. */
export const STAYING_REPORTER = [fixture('report-tty.mjs'), '--stay'];

/** What fstat says for each report kind. */
const FSTAT_TYPE: Record<FdKind, string> = {
  pipe: 'fifo',
  fifo: 'fifo',
  socket: 'socket',
  file: 'file',
  tty: 'char',
  null: 'char',
  closed: 'closed',
  unknown: 'other',
};

/** Parses the first line report-tty.mjs printed on `stream` (a pty adds a \r: JSON skips it). */
export async function readView(stream: Readable): Promise<ChildView> {
  let text = '';
  for await (const chunk of stream) {
    text += String(chunk);
    const end = text.indexOf('\n');
    if (end >= 0) return JSON.parse(text.slice(0, end)) as ChildView;
  }
  throw new Error(`report-tty.mjs printed no line, only ${JSON.stringify(text)}`);
}

/** Asserts that a report read from /proc says exactly what the child saw: kinds, isatty, paths, /dev/tty. */
export function expectReportMatchesView(report: TtyReport, view: ChildView): void {
  expect(report.source).toBe('proc');
  expectKindsMatchView(report, view);
  const targets = (['stdin', 'stdout', 'stderr'] as const).map((name) => report[name].target ?? null);
  expect(targets).toEqual(view.fds.map((fd) => fd.link));
}

/** Asserts what any report (from /proc or derived from the config) must agree on with the child. */
export function expectKindsMatchView(report: TtyReport, view: ChildView): void {
  const reported = (['stdin', 'stdout', 'stderr'] as const).map((name) => ({ type: FSTAT_TYPE[report[name].kind], isatty: report[name].isatty }));
  expect(reported).toEqual(view.fds.map((fd) => ({ type: fd.type, isatty: fd.isatty })));
  expect(report.controllingTerminal).toBe(view.devTty);
}

/** A report-tty.mjs child spawned with node's child_process (not pipemux), and what it saw. */
export interface Reporter {
  child: ChildProcess;
  view: ChildView;
  /** Kills the child and waits for its exit. */
  stop(): Promise<void>;
}

/** Spawns `file args` (report-tty.mjs --stay, or a wrapper of it) and waits for its report on stdout. */
export async function startReporter(
  stdio: StdioOptions,
  file = process.execPath,
  args = STAYING_REPORTER,
  env: NodeJS.ProcessEnv = process.env,
  options: { detached?: boolean } = {},
): Promise<Reporter> {
  const child = spawn(file, args, { stdio, env, ...options });
  const exited = once(child, 'exit');
  const failed = once(child, 'error').then(([error]) => Promise.reject(error as Error));
  const view = await Promise.race([readView(child.stdout!), failed]);
  return {
    child,
    view,
    async stop() {
      process.kill(view.pid, 'SIGTERM');
      await exited;
    },
  };
}
