import { watch } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipemux, type ExitEvent, type MuxEvent, type PipemuxOptions } from '../../src/index.js';
import { dataOf, exitOf } from '../helpers/collect.js';
import { holdsWithin } from '../helpers/deadline.js';
import { fixture } from '../helpers/fixtures.js';
import { waitForFile } from '../helpers/waitForFile.js';
import { TimelineProbe } from '../stdin/timelineProbe.js';
import { SuiteFigures } from './support/figures.js';
import { runPool } from './support/pool.js';
import { isGone, leftoversAfterSettling, takeBaseline } from './support/processes.js';
import { runs, timeoutFor } from './support/soak.js';

// Property 6 on the hard ways out: a child that will not die, a grandchild that will not let go
// of the pipes, and a parent that is itself killed.
const figures = new SuiteFigures('killPaths', 'Kill paths');

const viteNode = fileURLToPath(new URL('../../node_modules/.bin/vite-node', import.meta.url));
// Ignored signals stay ignored across exec: `sleep` ignores SIGTERM too.
const IGNORES_TERM = 'trap "" TERM; echo ready; exec sleep 1000';
const FORCE_KILL_AFTER = 300;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pipemux-rel-kill-'));
  // libuv keeps one inotify fd for good once fs.watch was used (waitForFile): open it before any baseline.
  watch(dir).close();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** process.kill for a pid read from a child's output: never 0, -1 or NaN (which would signal a group or everything). */
const killPid = (pid: number, signal: NodeJS.Signals) => {
  if (!Number.isSafeInteger(pid) || pid <= 1) throw new Error(`refusing to signal pid ${pid}`);
  process.kill(pid, signal);
};
const range = (values: number[]) => `${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))}`;

describe('a child that ignores SIGTERM gets SIGKILL after forceKillAfterDelay', () => {
  it.each([
    { how: 'cancelSignal aborted', trigger: 'cancel' },
    { how: '`timeout` option (200 ms)', trigger: 'timeout' },
    { how: 'unsubscribe', trigger: 'unsubscribe' },
  ] as const)(
    '$how',
    async ({ how, trigger }) => {
      const count = runs(8);
      const waits: number[] = [];
      const problems: string[] = [];
      await runPool(count, async (run) => {
        const controller = new AbortController();
        const options: PipemuxOptions = { forceKillAfterDelay: FORCE_KILL_AFTER };
        if (trigger === 'cancel') options.cancelSignal = controller.signal;
        if (trigger === 'timeout') options.timeout = 200;
        const probe = new TimelineProbe(pipemux('sh', ['-c', IGNORES_TERM], options));
        const { pid } = await probe.spawned();
        await probe.line('ready');
        const stoppedAt = performance.now();
        if (trigger === 'cancel') controller.abort();
        if (trigger === 'unsubscribe') {
          probe.subscription.unsubscribe();
          // No exit event comes after an unsubscribe: the deadline loop sees the pid go.
          if (!(await holdsWithin(() => isGone(pid), 15_000))) problems.push(`run ${run}: pid ${pid} alive 15 s after the unsubscribe`);
          waits.push(performance.now() - stoppedAt);
          return;
        }
        const { events, error } = await probe.settled;
        const exit = exitOf(events);
        // The timeout counts from the spawn; SIGKILL follows FORCE_KILL_AFTER ms after the SIGTERM.
        waits.push(trigger === 'timeout' ? exit.durationMs - 200 : performance.now() - stoppedAt);
        if (error !== undefined) problems.push(`run ${run}: ${error instanceof Error ? String(error) : JSON.stringify(error)}`);
        if (exit.signal !== 'SIGKILL' || exit.code !== null || exit.timedOut !== (trigger === 'timeout'))
          problems.push(`run ${run}: exit ${JSON.stringify(exit)}`);
      });
      // Timers never fire early: a wait shorter than the delay means SIGKILL came first (or SIGTERM worked).
      const tooEarly = waits.filter((wait) => wait < FORCE_KILL_AFTER - 5).length;
      const row = figures.add({
        scenario: `ignores SIGTERM, ${how}; forceKillAfterDelay ${FORCE_KILL_AFTER} ms`,
        runs: count,
        outcome: problems.length === 0 && tooEarly === 0 ? 'SIGKILL after the delay' : `${problems.length + tooEarly} runs wrong`,
        waitMs: range(waits),
        problems: problems.length,
        killedTooEarly: tooEarly,
      });
      expect(problems).toEqual([]);
      expect(row).toMatchObject({ problems: 0, killedTooEarly: 0 });
      // Loose upper bound for a loaded machine: the kill is not forgotten.
      expect(Math.max(...waits)).toBeLessThan(FORCE_KILL_AFTER + 14_000);
    },
    timeoutFor(60_000),
  );
});

/**
 * `sh` starts a grandchild that inherits stdout and stderr (`HOLDS` says which: 'both' or 'stderr'),
 * prints its pid and exits. The grandchild waits for a line on the FIFO `trigger`, then writes "late"
 * to stdout (SIGPIPE ignored) and records echo's exit status in `marker`.
 */
function grandchildScript(holds: 'both' | 'stderr'): string {
  const redirect = holds === 'stderr' ? 'exec >/dev/null; ' : '';
  return `echo start; (trap "" PIPE; ${redirect}read go < "$1"; echo late; echo "echo status $?" > "$2") & echo "grandchild $!"; echo end`;
}

async function makeTrigger(name: string): Promise<{ trigger: string; marker: string }> {
  const trigger = join(dir, `${name}.fifo`);
  await execa('mkfifo', [trigger]);
  return { trigger, marker: join(dir, `${name}.marker`) };
}

const grandchildPid = (events: MuxEvent[]) =>
  Number(
    dataOf(events as MuxEvent<string>[], 'stdout')
      .find((line) => line.startsWith('grandchild '))
      ?.split(' ')[1],
  );
const drainWait = (exit: ExitEvent) => exit.time - exit.durationMs;

describe('a grandchild keeps the pipes open after the child exited', () => {
  it.each([
    { holds: 'both', drainTimeout: 300, expectedHeld: ['stdout', 'stderr'], count: runs(5) },
    { holds: 'stderr', drainTimeout: 300, expectedHeld: ['stderr'], count: runs(3) },
    { holds: 'both', drainTimeout: undefined, expectedHeld: ['stdout', 'stderr'], count: 1 },
  ] as const)(
    'holding $holds, drainTimeout $drainTimeout: the timeline ends after drainTimeout with pipesHeldOpen, and the pipes are closed for real',
    async ({ holds, drainTimeout, expectedHeld, count }) => {
      const baseline = await takeBaseline();
      const waits: number[] = [];
      const problems: string[] = [];
      const limit = drainTimeout ?? 2000;
      await runPool(count, async (run) => {
        const { trigger, marker } = await makeTrigger(`held-${holds}-${drainTimeout}-${run}`);
        const probe = new TimelineProbe(
          pipemux('sh', ['-c', grandchildScript(holds), 'sh', trigger, marker], drainTimeout === undefined ? {} : { drainTimeout }),
        );
        const { events, error } = await probe.settled;
        const exit = exitOf(events);
        waits.push(drainWait(exit));
        const lines = dataOf(events as MuxEvent<string>[], 'stdout');
        if (error !== undefined) problems.push(`run ${run}: ${error instanceof Error ? String(error) : JSON.stringify(error)}`);
        if (JSON.stringify(exit.pipesHeldOpen) !== JSON.stringify(expectedHeld))
          problems.push(`run ${run}: pipesHeldOpen ${JSON.stringify(exit.pipesHeldOpen)}`);
        if (exit.code !== 0 || lines.length !== 3 || lines[0] !== 'start' || lines[2] !== 'end')
          problems.push(`run ${run}: ${JSON.stringify(lines)} exit ${exit.code}`);
        // Let the grandchild write now: our read end is closed, so its write fails (EPIPE).
        await writeFile(trigger, 'go\n');
        const status = (await waitForFile(marker)).trim();
        if (status !== (holds === 'both' ? 'echo status 1' : 'echo status 0')) problems.push(`run ${run}: grandchild's ${status}`);
        const pid = grandchildPid(events);
        if (!(await holdsWithin(() => isGone(pid), 10_000))) problems.push(`run ${run}: grandchild ${pid} still running`);
      });
      const leftovers = await leftoversAfterSettling(baseline);
      const tooEarly = waits.filter((wait) => wait < limit - 5).length;
      const row = figures.add({
        scenario: `grandchild holds ${holds === 'both' ? 'stdout and stderr' : 'stderr'}, drainTimeout ${drainTimeout ?? '2000 (default)'}`,
        runs: count,
        outcome: `exit event with pipesHeldOpen ${JSON.stringify(expectedHeld)}`,
        waitMs: range(waits),
        problems: problems.length,
        endedTooEarly: tooEarly,
        fdsLeft: leftovers.fdsLeft,
        childrenLeft: leftovers.childrenLeft,
      });
      expect(problems).toEqual([]);
      expect(row, leftovers.details.join(', ')).toMatchObject({ problems: 0, endedTooEarly: 0, fdsLeft: 0, childrenLeft: 0 });
      // Bounded: drainTimeout plus a loose allowance for a loaded machine.
      expect(Math.max(...waits)).toBeLessThan(limit + 14_000);
    },
    timeoutFor(60_000),
  );

  it('a grandchild that lets go before drainTimeout: its late output is delivered, no pipesHeldOpen', async () => {
    const { trigger } = await makeTrigger('lets-go');
    const script = 'echo start; (read go < "$1"; echo late) & echo "grandchild $!"';
    const probe = new TimelineProbe(pipemux('sh', ['-c', script, 'sh', trigger], { drainTimeout: 60_000 }));
    const { pid } = await probe.spawned();
    await probe.stdoutLine((line) => line.startsWith('grandchild '));
    // The child has exited (deadline loop: no event tells it while the pipes are open), then the grandchild writes.
    expect(await holdsWithin(() => isGone(pid), 10_000)).toBe(true);
    await writeFile(trigger, 'go\n');
    const { events, error } = await probe.settled;
    const exit = exitOf(events);
    const lines = dataOf(events as MuxEvent<string>[], 'stdout');
    const row = figures.add({
      scenario: 'grandchild writes after the child exited, then closes (drainTimeout 60,000)',
      runs: 1,
      outcome:
        lines.at(-1) === 'late' && exit.pipesHeldOpen === undefined
          ? 'late output delivered, no pipesHeldOpen'
          : `lines ${JSON.stringify(lines)}, pipesHeldOpen ${JSON.stringify(exit.pipesHeldOpen)}`,
      waitMs: String(Math.round(drainWait(exit))),
      problems: error === undefined ? 0 : 1,
    });
    expect(error).toBeUndefined();
    expect(lines).toEqual(['start', `grandchild ${grandchildPid(events)}`, 'late']);
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.pipesHeldOpen).toBeUndefined();
    expect(row.outcome).toBe('late output delivered, no pipesHeldOpen');
  });
});

describe('the parent process is ended by a signal while children run', () => {
  interface ParentReport {
    parent: number;
    children: { name: string; pid: number; fifoPath?: string }[];
  }

  /** Runs rel-parent.ts with TMPDIR set to a fresh dir; resolves once its four children run. */
  async function startParent(name: string) {
    const tmp = await mkdtemp(join(dir, `${name}-tmp-`));
    const teeFile = join(dir, `${name}.tee`);
    const probe = new TimelineProbe(pipemux(viteNode, [fixture('rel-parent.ts'), teeFile], { env: { TMPDIR: tmp } }));
    const report = JSON.parse(await probe.stdoutLine((line) => line.startsWith('{'))) as ParentReport;
    return { tmp, teeFile, probe, report };
  }

  const fifoDirsIn = async (tmp: string) => (await readdir(tmp)).filter((entry) => entry.startsWith('pipemux-')).length;

  it.each(['SIGTERM', 'SIGINT', 'SIGHUP'] as const)(
    '%s: children killed, FIFOs and their dirs removed, tee file complete',
    async (signal) => {
      const { tmp, teeFile, probe, report } = await startParent(signal);
      const fifoDirsBefore = await fifoDirsIn(tmp);
      killPid(report.parent, signal);
      const { events, error } = await probe.settled;
      const parentExit = exitOf(events);
      const catchable = report.children.filter((child) => child.name !== 'ignores SIGTERM');
      const stubborn = report.children.find((child) => child.name === 'ignores SIGTERM')!;
      await holdsWithin(async () => (await Promise.all(catchable.map((child) => isGone(child.pid)))).every(Boolean), 10_000);
      const childrenLeft = (await Promise.all(catchable.map((child) => isGone(child.pid)))).filter((gone) => !gone).length;
      // The dying parent waits a short time (at most 1000 ms), then sends SIGKILL (see docs/RELIABILITY.md).
      await holdsWithin(() => isGone(stubborn.pid), 2000);
      const stubbornSurvived = !(await isGone(stubborn.pid));
      if (stubbornSurvived) killPid(stubborn.pid, 'SIGKILL');
      const row = figures.add({
        scenario: `parent sent ${signal}, 4 children (plain, FIFO, FIFO + tee, ignores SIGTERM)`,
        runs: 1,
        outcome: `parent ended by ${parentExit.signal ?? `exit ${parentExit.code}`}`,
        fifoDirsBefore,
        childrenLeft,
        fifoDirsLeft: await fifoDirsIn(tmp),
        childIgnoringSigtermSurvived: stubbornSurvived,
      });
      expect(error).toBeUndefined();
      expect(parentExit.signal).toBe(signal); // signal-exit re-raises the signal after the cleanup
      expect(report.children.filter((child) => child.fifoPath?.startsWith(`${tmp}/pipemux-`))).toHaveLength(2);
      expect(row).toMatchObject({ fifoDirsBefore: 2, childrenLeft: 0, fifoDirsLeft: 0, childIgnoringSigtermSurvived: false });
      // The tee file got what the child wrote before the parent died.
      expect(await waitForFile(teeFile)).toBe('first\n');
    },
    timeoutFor(60_000),
  );

  it(
    'SIGKILL (cannot be caught, a known limit): children reading a FIFO get EOF and exit; FIFO dirs and other children stay',
    async () => {
      const { tmp, probe, report } = await startParent('SIGKILL');
      killPid(report.parent, 'SIGKILL');
      const { events } = await probe.settled;
      const fifoReaders = report.children.filter((child) => child.fifoPath !== undefined);
      const others = report.children.filter((child) => child.fifoPath === undefined);
      // Our writer end died with the parent: the FIFO readers see EOF.
      const readersExited = await holdsWithin(async () => (await Promise.all(fifoReaders.map((child) => isGone(child.pid)))).every(Boolean), 10_000);
      const gone = await Promise.all(others.map((child) => isGone(child.pid)));
      const survivors = others.filter((_, i) => !gone[i]);
      const fifoDirsLeft = await fifoDirsIn(tmp);
      for (const child of survivors) killPid(child.pid, 'SIGKILL');
      figures.add({
        scenario: 'parent sent SIGKILL (no handler can run), same 4 children',
        runs: 1,
        outcome: `parent ended by ${exitOf(events).signal}; FIFO readers ${readersExited ? 'exited (EOF)' : 'still running'}`,
        fifoDirsBefore: 2,
        childrenLeft: survivors.length,
        fifoDirsLeft,
        childIgnoringSigtermSurvived: survivors.some((child) => child.name === 'ignores SIGTERM'),
      });
      expect(exitOf(events).signal).toBe('SIGKILL');
      expect(readersExited).toBe(true);
    },
    timeoutFor(60_000),
  );
});
