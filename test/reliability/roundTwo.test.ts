import { execa } from 'execa';
import { close as closeFdCallback, constants, existsSync, open as openFdCallback, realpathSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import {
  CanceledError,
  CommandNotFoundError,
  InterpreterNotFoundError,
  pipemux,
  ShellNotFoundError,
  TeeSinkError,
  type MuxEvent,
  type OutputEvent,
  type PipemuxOptions,
  type SpawnFailedError,
} from '../../src/index.js';
import { collectSettled, dataOf, exitOf } from '../helpers/collect.js';
import { holdsWithin } from '../helpers/deadline.js';
import { fixture } from '../helpers/fixtures.js';
import { useTempDir } from '../helpers/tempDir.js';
import { TimelineProbe } from '../stdin/timelineProbe.js';
import { SuiteFigures } from './support/figures.js';
import { statusOfSignal } from '../../src/cli/exitStatus.js';
import { isGone, openFds } from './support/processes.js';
import { runPool } from './support/pool.js';
import { runs } from './support/soak.js';
import { StalledWritable } from './support/stalledWritable.js';

// Reliability, round two: the cases found by trying to break the library as a user would.
const figures = new SuiteFigures('roundTwo', 'Round two: slow subscribers, dead sinks, false reports, trees');

const workDir = useTempDir('pipemux-rel-round2-');
const openFd = promisify(openFdCallback);
const closeFd = promisify(closeFdCallback);

/** The error's class and system code, as the figures show an outcome. */
function errorName(error: unknown): string {
  if (error === undefined) return 'no error';
  const { name, code } = error as { name?: string; code?: string };
  return code === undefined ? String(name) : `${name} (${code})`;
}

const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const SEQ_LINES = 30_000;
const expectedSeq = (count: number) => Array.from({ length: count }, (_, i) => String(i + 1));

/** Blocks the event loop for `ms`, as a subscriber doing synchronous work does. */
function blockLoop(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

/** How many of `expected` are missing or different in `actual` (0 when they are equal). */
function linesLost(actual: readonly string[], expected: readonly string[]): number {
  let same = 0;
  while (same < actual.length && same < expected.length && actual[same] === expected[same]) same++;
  return expected.length - same + Math.max(0, actual.length - expected.length);
}

describe('§1 a slow subscriber loses nothing', () => {
  it('a subscriber that blocks the loop far longer than drainTimeout in total: every line, no pipesHeldOpen', async () => {
    const count = runs(3);
    let lost = 0;
    let held = 0;
    let slowest = 0;
    for (let run = 0; run < count; run++) {
      const lines: string[] = [];
      let blocked = 0;
      const started = performance.now();
      // 20 ms of work every 1,000 lines: about 220 ms per 64 KiB chunk, twice the drainTimeout.
      const { events, error } = await collectSettled(pipemux('seq', ['1', String(SEQ_LINES)], { drainTimeout: 100 }), (event: MuxEvent) => {
        if (event.type !== 'stdout') return;
        lines.push(event.data as string);
        if (lines.length % 1000 === 0) {
          blockLoop(20);
          blocked += 20;
        }
      });
      slowest = Math.max(slowest, performance.now() - started);
      expect(error).toBeUndefined();
      expect(blocked).toBeGreaterThan(100 * 5);
      lost += linesLost(lines, expectedSeq(SEQ_LINES));
      if (exitOf(events).pipesHeldOpen !== undefined) held++;
      expect(lines.at(-1)).toBe(String(SEQ_LINES));
      expect(events.some((e) => e.type === 'stdout' && (e as OutputEvent).partial)).toBe(false);
    }
    figures.add({
      scenario: `\`seq 1 ${SEQ_LINES}\`, subscriber blocks 20 ms per 1,000 lines, drainTimeout 100`,
      runs: count,
      linesExpected: count * SEQ_LINES,
      linesLost: lost,
      problems: held,
      settleMs: Math.round(slowest),
    });
    expect({ lost, held }).toEqual({ lost: 0, held: 0 });
  });

  it('the CLI on a slow terminal (its writes block): every line, no "still holds" message, exit 0', async () => {
    // ~27 KB/s (as measured on a slow terminal): each 64 KiB read takes over 2 s to show, longer than the default drainTimeout.
    const started = performance.now();
    const { stdout } = await execa('python3', [fixture('slow-terminal.py'), '27000', process.execPath, cli, 'seq', '1', String(SEQ_LINES)]);
    const { text, status } = JSON.parse(stdout) as { text: string; status: number };
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    const lost = linesLost(lines, expectedSeq(SEQ_LINES));
    figures.add({
      scenario: `CLI \`seq 1 ${SEQ_LINES}\` on a terminal read at ~27 KB/s`,
      runs: 1,
      linesExpected: SEQ_LINES,
      linesLost: lost,
      outcome: `exit ${status}`,
      settleMs: Math.round(performance.now() - started),
    });
    expect(text).not.toContain('pipemux:');
    expect(lost).toBe(0);
    expect(status).toBe(0);
  });

  it('a line cut off by closing a held pipe is delivered marked partial, never as a whole line', async () => {
    // The child writes half a line and exits; its background grandchild keeps stdout open.
    const { events } = await collectSettled(pipemux('sh', ['-c', 'printf "whole\\nhalf a li"; sleep 30 & echo $! >&2'], { drainTimeout: 100 }));
    const grandchild = events.find((e): e is OutputEvent<string> => e.type === 'stderr')?.data as string;
    try {
      const stdout = events.filter((e): e is OutputEvent<string> => e.type === 'stdout').map((e) => ({ data: e.data, partial: e.partial === true }));
      expect(stdout).toEqual([
        { data: 'whole', partial: false },
        { data: 'half a li', partial: true },
      ]);
      expect(exitOf(events).pipesHeldOpen).toEqual(['stdout', 'stderr']);
      figures.add({
        scenario: 'a grandchild holds the pipes after half a line',
        runs: 1,
        outcome: 'the half line comes marked partial, then exit with pipesHeldOpen',
      });
    } finally {
      if (/^[1-9]\d*$/.test(grandchild ?? '')) process.kill(Number(grandchild), 'SIGKILL');
    }
  });
});

// ---------------------------------------------------------------------------------------------
// §2 Dead sinks: a wait for room must also end when the sink can never take more.

/** Settles with the promise's value, or with 'hung' after `ms`: a run that never ends fails its test instead of the file. */
async function orHung<T>(promise: Promise<T>, ms: number): Promise<T | 'hung'> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), ms)));
  try {
    return await Promise.race([promise, hung]);
  } finally {
    clearTimeout(timer);
  }
}

/** Our fds that point to `path` (a FIFO's ends show as its path in /proc/self/fd). */
async function fdsTo(path: string): Promise<number> {
  return [...(await openFds()).values()].filter((target) => target === path).length;
}

describe('§2 a sink that dies or never drains does not hang the run', () => {
  it('a tee Writable destroyed while full: TeeSinkError naming it, the child killed, what came before kept, no hang', async () => {
    const kept = join(workDir(), 'destroyed-kept.bin');
    // Never calls back, so it stays full; destroyed on the next turn of the loop after the first write.
    const full = new Writable({
      highWaterMark: 1024,
      write() {
        setImmediate(() => full.destroy());
      },
    });
    const started = performance.now();
    const settled = await orHung(collectSettled(pipemux('head', ['-c', '10000000', '/dev/zero'], { mode: 'chunks', tee: { stdout: [full, kept] } })), 10_000);
    const settleMs = Math.round(performance.now() - started);
    const row = figures.add({
      scenario: 'tee Writable (highWaterMark 1 KiB) destroyed while full, child `head -c 10000000 /dev/zero`',
      runs: 1,
      outcome: settled === 'hung' ? 'hung (no exit, no error)' : errorName(settled.error),
      settleMs,
      childrenLeft: 0,
    });
    expect(settled).not.toBe('hung');
    const { events, error } = settled as { events: MuxEvent<Buffer>[]; error: unknown };
    expect(error).toBeInstanceOf(TeeSinkError);
    expect(error).toMatchObject({ path: 'stdout stream #1', code: 'ERR_STREAM_DESTROYED' });
    expect((error as Error).message).toContain('stdout stream #1');
    expect(events.some((e) => e.type === 'exit')).toBe(false);
    // What came before is kept: the file sink got every chunk that was delivered, nothing else.
    const delivered = Buffer.concat(dataOf(events, 'stdout'));
    const keptBytes = await readFile(kept);
    expect(keptBytes.length).toBe(delivered.length);
    expect(keptBytes.length).toBeGreaterThan(0);
    expect(keptBytes.every((byte) => byte === 0)).toBe(true);
    const spawn = events[0]!;
    if (spawn.type !== 'spawn') throw new Error('no spawn event');
    row.childrenLeft = (await holdsWithin(() => isGone(spawn.pid), 10_000)) ? 0 : 1;
    expect(row.childrenLeft).toBe(0);
  });

  it('a tee to a named pipe whose reader holds it open without reading: unsubscribe closes our end at once', async () => {
    const fifo = join(workDir(), 'held.fifo');
    await execa('mkfifo', [fifo]);
    // The reader: open, never read (O_NONBLOCK only so that this open does not wait for a writer).
    const readerFd = await openFd(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const probe = new TimelineProbe(pipemux('head', ['-c', '10000000', '/dev/zero'], { mode: 'chunks', tee: { stdout: fifo } }));
      const { pid } = await probe.spawned();
      // More than a FIFO holds (64 KiB) was teed: some of it waits in our writer, which cannot flush.
      let teed = 0;
      await probe.waitFor((e) => e.type === 'stdout' && (teed += (e.data as Buffer).length) > 65_536);
      expect(await fdsTo(fifo)).toBe(2);
      const stoppedAt = performance.now();
      probe.subscription.unsubscribe();
      const closed = await holdsWithin(async () => (await fdsTo(fifo)) === 1, 5000);
      const settleMs = Math.round(performance.now() - stoppedAt);
      const childGone = await holdsWithin(() => isGone(pid), 10_000);
      figures.add({
        scenario: 'tee to a FIFO whose reader holds it open without reading; unsubscribe',
        runs: 1,
        outcome: closed ? 'our writer closed' : 'our writer still open 5 s after the unsubscribe',
        settleMs,
        fdsLeft: closed ? 0 : 1,
        childrenLeft: childGone ? 0 : 1,
      });
      expect(closed).toBe(true);
      expect(childGone).toBe(true);
    } finally {
      await closeFd(readerFd);
    }
  });
});

describe('§3 crashes and false reports', () => {
  it('a { stream, end: true } tee whose pending write fails after unsubscribe does not crash the parent', async () => {
    const crashes: unknown[] = [];
    const onCrash = (error: unknown) => crashes.push(error);
    process.on('uncaughtException', onCrash);
    try {
      const sink = new StalledWritable();
      const probe = new TimelineProbe(pipemux('echo', ['hi'], { tee: { stdout: { stream: sink, end: true } } }));
      await Promise.all([probe.spawned(), sink.writePending]);
      probe.subscription.unsubscribe();
      await sink.endCalled;
      sink.failPendingWrite(new Error('disk gone'));
      // The 'error' is emitted on a later tick: let those ticks pass.
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      figures.add({
        scenario: '{ stream, end: true } tee, its pending write fails after the unsubscribe',
        runs: 1,
        outcome: crashes.length === 0 ? 'the error is absorbed, no crash' : 'uncaught exception (the process would die)',
        problems: crashes.length,
      });
      expect(crashes).toEqual([]);
      expect(sink.destroyed).toBe(true);
    } finally {
      process.off('uncaughtException', onCrash);
    }
  });

  it('a tee file is not truncated when another sink cannot be opened; a file it made is removed again', async () => {
    const kept = join(workDir(), 'kept-out.log');
    const fresh = join(workDir(), 'fresh-out.log');
    await writeFile(kept, 'keep\n');
    const ran = join(workDir(), 'ran-truncate');
    const missing = join(workDir(), 'nodir', 'err.log');
    const { events, error } = await collectSettled(pipemux('touch', [ran], { tee: { stdout: [kept, fresh], stderr: missing } }));
    const keptText = await readFile(kept, 'utf8');
    figures.add({
      scenario: 'tee: stdout to an existing file and a new one, stderr into a missing dir',
      runs: 1,
      outcome: `${errorName(error)}; existing file ${keptText === 'keep\n' ? 'kept' : `emptied (${JSON.stringify(keptText)})`}; new file ${existsSync(fresh) ? 'left behind' : 'removed'}`,
      problems: Number(keptText !== 'keep\n') + Number(existsSync(fresh)),
    });
    expect(events).toEqual([]);
    expect(error).toMatchObject({ name: 'TeeSinkError', code: 'ENOENT', path: missing });
    expect(keptText).toBe('keep\n');
    expect(existsSync(fresh)).toBe(false);
    expect(existsSync(ran)).toBe(false);
  });

  it("a tee file is not truncated when another sink's mode cannot be applied (EPERM)", async () => {
    // chmod needs the file's owner (or CAP_FOWNER): as root, run without CAP_FOWNER on a file of another user.
    const asRoot = process.getuid?.() === 0;
    const kept = join(workDir(), 'kept-mode.log');
    await writeFile(kept, 'keep\n');
    let theirs = '/dev/null';
    if (asRoot) {
      theirs = join(workDir(), 'theirs.log');
      await writeFile(theirs, 'theirs\n', { mode: 0o666 });
      await chmod(theirs, 0o666);
      await chown(theirs, 65534, 65534);
    }
    const ran = join(workDir(), 'ran-mode');
    const tee = { stdout: kept, stderr: { path: theirs, mode: 0o600 } };
    const withoutFowner = asRoot ? ['setpriv', '--bounding-set=-fowner', '--inh-caps=-fowner'] : [];
    const [file, ...args] = [...withoutFowner, process.execPath, fixture('tee-sinks-as-user.mjs'), JSON.stringify(tee), ran];
    const reported = JSON.parse((await execa(file, args)).stdout) as { name: string; code?: string; path?: string };
    const keptText = await readFile(kept, 'utf8');
    figures.add({
      scenario: 'tee: stdout to an existing file, stderr to a file whose mode cannot be applied',
      runs: 1,
      outcome: `${errorName(reported)}; existing file ${keptText === 'keep\n' ? 'kept' : 'emptied'}`,
      problems: Number(keptText !== 'keep\n'),
    });
    expect(reported).toMatchObject({ name: 'TeeSinkError', code: 'EPERM', path: theirs });
    expect(keptText).toBe('keep\n');
    if (asRoot) expect(await readFile(theirs, 'utf8')).toBe('theirs\n');
    expect(existsSync(ran)).toBe(false);
  });

  it('a relative FIFO dir is resolved at call time: an absolute fifoPath, and a chdir during the run leaves nothing behind', async () => {
    const home = process.cwd();
    const base = await mkdtemp(join(workDir(), 'cwd-'));
    const elsewhere = await mkdtemp(join(workDir(), 'elsewhere-'));
    await mkdir(join(base, 'fifos'));
    const source = new Subject<string>();
    process.chdir(base);
    try {
      const probe = new TimelineProbe(pipemux('cat', [], { stdin: { fifo: true, dir: 'fifos', source } }));
      const { fifoPath } = await probe.spawned();
      // The run goes on in another directory; the FIFO's removal must not follow the chdir.
      process.chdir(elsewhere);
      source.next('hi\n');
      await probe.line('hi');
      source.complete();
      const { error } = await probe.settled;
      const left = (await readdir(join(base, 'fifos'))).filter((name) => name.startsWith('pipemux-'));
      figures.add({
        scenario: "stdin: { fifo: true, dir: 'fifos' }, chdir during the run",
        runs: 1,
        outcome: `fifoPath ${fifoPath?.startsWith('/') ? 'absolute' : `relative (${fifoPath})`}; ${errorName(error)}`,
        fifoDirsLeft: left.length,
      });
      expect(error).toBeUndefined();
      expect(fifoPath).toBe(join(realpathSync(base), 'fifos', basename(dirname(fifoPath!)), 'stdin'));
      expect(left).toEqual([]);
    } finally {
      process.chdir(home);
    }
  });
});

describe('§3 messages that name what is wrong', () => {
  it('a script whose interpreter is missing: an InterpreterNotFoundError naming the interpreter (still a CommandNotFoundError)', async () => {
    const script = join(workDir(), 'needs-interpreter.sh');
    await writeFile(script, '#!/nonexistent/interpreter -x\necho hi\n', { mode: 0o755 });
    await chmod(script, 0o755);
    const { events, error } = await collectSettled(pipemux(script, ['arg']));
    const message = (error as Error | undefined)?.message ?? '';
    figures.add({
      scenario: 'a script whose #! interpreter is missing',
      runs: 1,
      outcome: `${errorName(error)}: ${message.slice(0, message.lastIndexOf(' (cwd') >>> 0)}`,
    });
    expect(events).toEqual([]);
    expect(error).toBeInstanceOf(InterpreterNotFoundError);
    expect(error).toBeInstanceOf(CommandNotFoundError);
    expect(error).toMatchObject({ interpreter: '/nonexistent/interpreter', script, command: `${script} arg`, code: 'ENOENT' });
    expect(message).toBe(`${script} arg: interpreter not found: "/nonexistent/interpreter", named on the #! line of ${script} (cwd: ${process.cwd()})`);
  });

  it('a script with Windows line endings: the message shows the carriage return and says why', async () => {
    const script = join(workDir(), 'crlf.sh');
    await writeFile(script, '#!/bin/sh\r\necho hi\r\n', { mode: 0o755 });
    await chmod(script, 0o755);
    const { error } = await collectSettled(pipemux(script));
    expect(error).toMatchObject({ name: 'InterpreterNotFoundError', interpreter: '/bin/sh\r' });
    expect((error as Error).message).toContain('"/bin/sh\\r", named on the #! line of');
    expect((error as Error).message).toContain('Windows line endings');
  });

  it("shell: '/nonexistent/sh': a ShellNotFoundError naming the shell, not the command", async () => {
    const { events, error } = await collectSettled(pipemux('echo hi', [], { shell: '/nonexistent/sh' }));
    const message = (error as Error | undefined)?.message ?? '';
    figures.add({ scenario: "shell: '/nonexistent/sh'", runs: 1, outcome: `${errorName(error)}: ${message.slice(0, message.lastIndexOf(' (cwd') >>> 0)}` });
    expect(events).toEqual([]);
    expect(error).toBeInstanceOf(ShellNotFoundError);
    expect(error).toMatchObject({ shell: '/nonexistent/sh', command: "'echo hi'" });
    expect(message).toBe(`'echo hi': shell not found: /nonexistent/sh (cwd: ${process.cwd()})`);
  });

  it('an E2BIG spawn failure with a 60 MB argument list: the message is bounded', async () => {
    // 600 arguments of 100 KB: each is below Linux's 128 KiB limit, together far above ARG_MAX.
    const args = Array.from({ length: 600 }, (_, i) => String(i % 10).repeat(100_000));
    const { events, error } = await collectSettled(pipemux('true', args));
    const message = (error as Error | undefined)?.message ?? '';
    figures.add({
      scenario: 'E2BIG: 600 arguments of 100 KB (60 MB)',
      runs: 1,
      outcome: `${errorName(error)}, message of ${message.length.toLocaleString('en-US')} characters`,
      problems: Number(message.length > 4096),
    });
    expect(events).toEqual([]);
    expect(error).toMatchObject({ name: 'SpawnFailedError', code: 'E2BIG' });
    expect(message.length).toBeLessThan(4096);
    expect((error as SpawnFailedError).command.length).toBeLessThan(2100);
    // 'true' and 600 × (space + 100,000) characters, of which 2,048 are shown.
    const omitted = (4 + 600 * 100_001 - 2048).toLocaleString('en-US');
    expect(
      message.startsWith(
        `true ${'0'.repeat(2043)}… [${omitted} more characters]: could not be started: its arguments and environment are too long for the system (E2BIG: `,
      ),
    ).toBe(true);
    expect(message.endsWith(` (cwd: ${process.cwd()})`)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// §4 Process trees and killed parents.

const TREE_NAMES = ['level1', 'level2', 'level2-sleep', 'level3'] as const;
const FORCE_KILL_AFTER = 300;

/** process.kill for a pid read from a child's output: never 0, -1 or NaN (which would signal a group or everything). */
function killPid(pid: number, signal: NodeJS.Signals): void {
  if (!Number.isSafeInteger(pid) || pid <= 1) throw new Error(`refusing to signal pid ${pid}`);
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/** What exit-parent.mjs prints once its children run. */
interface ParentReport {
  parent: number;
  children: { name: string; pid: number }[];
  tree: number[];
  fifoDirs: string[];
}

/** The pids the tree printed (`<name> <pid>` lines), once all four are there. */
async function treePids(probe: TimelineProbe): Promise<Map<string, number>> {
  const pids = new Map<string, number>();
  for (const name of TREE_NAMES) pids.set(name, Number((await probe.stdoutLine((line) => line.startsWith(`${name} `))).split(' ')[1]));
  return pids;
}

describe('§4 killTree: the child and its descendants end together', () => {
  type Trigger = 'unsubscribe' | 'timeout' | 'cancelSignal' | 'failure (stdin source errors)';
  it.each([
    { trigger: 'unsubscribe', killTree: true },
    { trigger: 'timeout', killTree: true },
    { trigger: 'cancelSignal', killTree: true },
    { trigger: 'failure (stdin source errors)', killTree: true },
    { trigger: 'unsubscribe', killTree: false },
  ] as { trigger: Trigger; killTree: boolean }[])(
    'a tree of depth three with a member that ignores SIGTERM, $trigger, killTree $killTree',
    async ({ trigger, killTree }) => {
      const cancel = new AbortController();
      const input = new Subject<string>();
      const options: PipemuxOptions = { killTree, forceKillAfterDelay: FORCE_KILL_AFTER, stdin: input };
      if (trigger === 'timeout') options.timeout = 2000;
      if (trigger === 'cancelSignal') options.cancelSignal = cancel.signal;
      const probe = new TimelineProbe(pipemux('sh', [fixture('process-tree.sh')], options));
      const pids = await treePids(probe);
      const all = [...pids.values()];
      try {
        const stoppedAt = performance.now();
        if (trigger === 'unsubscribe') probe.subscription.unsubscribe();
        if (trigger === 'cancelSignal') cancel.abort();
        if (trigger === 'failure (stdin source errors)') input.error(new Error('the source broke'));
        const settled = trigger === 'unsubscribe' ? undefined : await probe.settled;
        const allGone = async () => (await Promise.all(all.map(isGone))).every(Boolean);
        // Without the option the child alone is ended: once it is gone, what is left stays.
        const gone = await holdsWithin(killTree ? allGone : () => isGone(pids.get('level1')!), 10_000);
        const settleMs = Math.round(performance.now() - stoppedAt);
        const left = (await Promise.all(all.map(isGone))).filter((isDead) => !isDead).length;
        const exit = settled?.events.at(-1);
        const outcome = !killTree
          ? `child ended; ${left} descendants left running`
          : settled === undefined
            ? 'unsubscribed'
            : settled.error !== undefined
              ? errorName(settled.error)
              : `exit ${exit?.type === 'exit' ? `${exit.signal ?? exit.code}${exit.timedOut ? ', timedOut' : ''}` : '?'}`;
        figures.add({
          scenario: `tree of depth 3 (level-3 sleep ignores SIGTERM), ${trigger}, killTree ${killTree}${killTree ? '' : ' (the default: descendants are left, as documented)'}`,
          runs: 1,
          outcome,
          childrenLeft: killTree ? left : null,
          settleMs: gone && killTree ? settleMs : null,
        });
        if (!killTree) {
          expect(gone).toBe(true);
          expect(left).toBe(3);
          return;
        }
        expect(gone).toBe(true);
        // level 3 ignores SIGTERM: it can only have ended by the SIGKILL after forceKillAfterDelay.
        expect(settleMs).toBeGreaterThanOrEqual(FORCE_KILL_AFTER - 5);
        if (trigger === 'timeout') expect(exit).toMatchObject({ type: 'exit', timedOut: true });
        if (trigger === 'cancelSignal') expect(exit).toMatchObject({ type: 'exit', signal: 'SIGTERM' });
        if (trigger === 'failure (stdin source errors)') expect(settled?.error).toMatchObject({ name: 'StdinSourceError' });
      } finally {
        for (const pid of all) if (!(await isGone(pid))) killPid(pid, 'SIGKILL');
      }
    },
  );
});

describe('§4 a parent that leaves ends its children, also those that ignore SIGTERM', () => {
  type Way = 'SIGINT' | 'SIGTERM' | 'SIGHUP' | 'process.exit' | 'uncaught exception';

  it.each(['SIGINT', 'SIGTERM', 'SIGHUP', 'process.exit', 'uncaught exception'] as Way[])(
    'the parent leaves through %s: every child and the killTree tree are gone when it has exited',
    async (way) => {
      const trigger = new Subject<string>();
      const mode = way === 'process.exit' ? 'exit' : way === 'uncaught exception' ? 'throw' : 'signal';
      const tmp = await mkdtemp(join(workDir(), 'parent-tmp-'));
      const probe = new TimelineProbe(
        pipemux(process.execPath, [fixture('exit-parent.mjs'), mode, fixture('process-tree.sh')], { stdin: trigger, env: { TMPDIR: tmp } }),
      );
      const report = JSON.parse(await probe.stdoutLine((line) => line.startsWith('{'))) as ParentReport;
      const pids = [...report.children.map((child) => child.pid), ...report.tree];
      try {
        const leftAt = performance.now();
        if (mode === 'signal') killPid(report.parent, way as NodeJS.Signals);
        else trigger.next('go\n');
        const { events, error } = await probe.settled;
        const exitMs = Math.round(performance.now() - leftAt);
        const parentExit = exitOf(events);
        // A process killed just before the parent exited may still be on its way out: a short deadline.
        await holdsWithin(async () => (await Promise.all(pids.map(isGone))).every(Boolean), 2000);
        const left = (await Promise.all(pids.map(isGone))).filter((gone) => !gone).length;
        const stubborn = report.children.find((child) => child.name === 'ignores SIGTERM')!.pid;
        figures.add({
          scenario: `parent leaves through ${way}; children: plain, ignores SIGTERM, killTree tree of depth 3`,
          runs: 1,
          outcome: `parent ended by ${parentExit.signal ?? `exit ${parentExit.code}`}; child ignoring SIGTERM ${(await isGone(stubborn)) ? 'killed' : 'survived'}`,
          childrenLeft: left,
          fifoDirsLeft: (await readdir(tmp)).length,
          settleMs: exitMs,
        });
        expect(report.fifoDirs).toHaveLength(1);
        expect(await readdir(tmp)).toEqual([]);
        expect(error).toBeUndefined();
        if (mode === 'signal') expect(parentExit.signal).toBe(way);
        else expect(parentExit.code).toBe(mode === 'exit' ? 7 : 1);
        expect(left).toBe(0);
        // The parent's exit waited for the stubborn child (at most 1000 ms), not for forceKillAfterDelay's 5000.
        expect(exitMs).toBeLessThan(5000);
      } finally {
        for (const pid of pids) if (!(await isGone(pid))) killPid(pid, 'SIGKILL');
      }
    },
  );
});

describe('§4 the CLI: --kill-tree', () => {
  it('a second SIGINT ends the command and every process it started, also one that ignores SIGTERM', async () => {
    // The command answers the first (forwarded) SIGINT with a line and goes on; its tree is process-tree.sh.
    const script = 'trap "echo got-INT" INT; echo "root $$"; sh "$0" & while :; do wait; done';
    const probe = new TimelineProbe(pipemux(process.execPath, [cli, '--kill-tree', 'sh', '-c', script, fixture('process-tree.sh')]));
    const pids = await treePids(probe);
    const root = Number((await probe.stdoutLine((line) => line.startsWith('root '))).split(' ')[1]);
    const all = [root, ...pids.values()];
    const { pid: cliPid } = await probe.spawned();
    try {
      killPid(cliPid, 'SIGINT');
      await probe.line('got-INT');
      const stoppedAt = performance.now();
      killPid(cliPid, 'SIGINT');
      const { events, error } = await probe.settled;
      const exitMs = Math.round(performance.now() - stoppedAt);
      await holdsWithin(async () => (await Promise.all(all.map(isGone))).every(Boolean), 2000);
      const left = (await Promise.all(all.map(isGone))).filter((gone) => !gone).length;
      // 130 either way to a shell: the CLI exits with 130, or (its own handler gone) signal-exit re-raises SIGINT after the exit handlers ran.
      const exit = exitOf(events);
      const status = exit.code ?? statusOfSignal(exit.signal);
      figures.add({
        scenario: 'CLI `--kill-tree`, two SIGINTs (the command traps the first), a tree of depth 4 with a member that ignores SIGTERM',
        runs: 1,
        outcome: `pipemux ${exit.signal === null ? `exit ${status}` : `ended by ${exit.signal} (status ${status})`}`,
        childrenLeft: left,
        settleMs: exitMs,
      });
      expect(error).toBeUndefined();
      expect(status, probe.describe()).toBe(130);
      expect(left).toBe(0);
    } finally {
      for (const pid of all) if (!(await isGone(pid))) killPid(pid, 'SIGKILL');
    }
  });
});

describe('§4 FIFO dirs left by a parent killed with SIGKILL', () => {
  /** Field 22 of /proc/<pid>/stat: the start time that, with the pid, names one process. */
  async function startTimeOf(pid: number): Promise<string> {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!;
  }

  async function fakeFifoDir(parent: string, name: string, owner: string | undefined): Promise<string> {
    const path = join(parent, `pipemux-${name}`);
    await mkdir(path, { mode: 0o700 });
    if (owner !== undefined) await writeFile(join(path, 'owner'), owner, { mode: 0o600 });
    return path;
  }

  it("making a FIFO removes this user's stale pipemux-* dirs whose owner is gone; never a live owner's, another user's, or one without an owner", async () => {
    const tmp = await mkdtemp(join(workDir(), 'sweep-'));
    // A real one: the FIFO dir of a parent killed with SIGKILL, which no exit handler could remove.
    const probe = new TimelineProbe(pipemux(process.execPath, [fixture('exit-parent.mjs'), 'signal', fixture('process-tree.sh')], { env: { TMPDIR: tmp } }));
    const report = JSON.parse(await probe.stdoutLine((line) => line.startsWith('{'))) as ParentReport;
    killPid(report.parent, 'SIGKILL');
    await probe.settled;
    for (const pid of [...report.children.map((child) => child.pid), ...report.tree]) killPid(pid, 'SIGKILL');
    const killedParents = report.fifoDirs;
    expect(killedParents).toHaveLength(1);
    expect(existsSync(killedParents[0]!)).toBe(true);
    // A live owner (a child of ours), the same pid with another start time (reused), another user's, none.
    const live = execa('sleep', ['1000']);
    try {
      const started = await startTimeOf(live.pid!);
      const liveOwner = await fakeFifoDir(tmp, 'live', `${live.pid} ${started}\n`);
      const reused = await fakeFifoDir(tmp, 'reused', `${live.pid} ${Number(started) - 1}\n`);
      const noOwner = await fakeFifoDir(tmp, 'noowner', undefined);
      const asRoot = process.getuid?.() === 0;
      const otherUser = await fakeFifoDir(tmp, 'otheruser', `${report.parent} 1\n`);
      if (asRoot) await chown(otherUser, 65534, 65534);
      const { error } = await collectSettled(pipemux('true', [], { stdin: { fifo: true, dir: tmp } }));
      const left = new Set((await readdir(tmp)).map((name) => join(tmp, name)));
      const stale = [...killedParents, reused, ...(asRoot ? [] : [otherUser])];
      const kept = [liveOwner, noOwner, ...(asRoot ? [otherUser] : [])];
      const row = figures.add({
        scenario: `FIFO made next to ${stale.length} stale dirs (owner SIGKILLed; pid reused) and ${kept.length} to keep (live owner, no owner file${asRoot ? ", another user's" : ''})`,
        runs: 1,
        outcome: errorName(error),
        fifoDirsLeft: stale.filter((dir) => left.has(dir)).length,
        problems: kept.filter((dir) => !left.has(dir)).length,
      });
      expect(error).toBeUndefined();
      expect([...left].sort()).toEqual(kept.sort());
      expect(row).toMatchObject({ fifoDirsLeft: 0, problems: 0 });
    } finally {
      live.kill('SIGKILL');
      await live.catch(() => {});
    }
  });
});

describe('§3 false reports (fixed in efc4e06): timedOut says what happened to the child; an aborted cancelSignal runs nothing', () => {
  it('a child that exits 0 at 0.1 s while a grandchild holds the pipes, timeout 500: timedOut false, and reject: true raises nothing', async () => {
    const script = 'sleep 0.1; (sleep 2 &); exit 0';
    const { events, error } = await collectSettled(pipemux('sh', ['-c', script], { timeout: 500, drainTimeout: 1000, reject: true }));
    const exit = exitOf(events);
    figures.add({
      scenario: 'child exits 0 at 0.1 s, a grandchild holds the pipes, timeout 500',
      runs: 1,
      outcome: `exit ${exit.code}, timedOut ${exit.timedOut}, ${errorName(error)}`,
      problems: Number(exit.timedOut || error !== undefined),
    });
    expect(exit).toMatchObject({ code: 0, signal: null, timedOut: false });
    expect(error).toBeUndefined();
  });

  it('the plain race: `sleep 0.025` with timeout 25, 80 runs: timedOut only when the child was killed', async () => {
    const count = runs(80);
    let contradictions = 0;
    let killed = 0;
    await runPool(count, async () => {
      const { events } = await collectSettled(pipemux('sleep', ['0.025'], { timeout: 25 }));
      const exit = exitOf(events);
      if (exit.timedOut) killed++;
      // timedOut means the child was still running and was sent killSignal: it cannot have exited 0 by itself.
      if (exit.timedOut !== (exit.signal === 'SIGTERM')) contradictions++;
    });
    figures.add({
      scenario: '`sleep 0.025`, timeout 25',
      runs: count,
      outcome: `timed out (killed) ${killed}, exited by itself ${count - killed}`,
      problems: contradictions,
    });
    expect(contradictions).toBe(0);
  });

  it('an already-aborted cancelSignal: a CanceledError and nothing spawned (its side effect does not happen)', async () => {
    const ran = join(workDir(), 'ran-canceled');
    const controller = new AbortController();
    controller.abort(new Error('the user gave up'));
    const { events, error } = await collectSettled(pipemux('touch', [ran], { cancelSignal: controller.signal }));
    figures.add({
      scenario: 'cancelSignal aborted before subscribing, command `touch FILE`',
      runs: 1,
      outcome: `${errorName(error)}; the file ${existsSync(ran) ? 'was made' : 'was not made'}`,
      problems: Number(existsSync(ran)),
    });
    expect(events).toEqual([]);
    expect(error).toBeInstanceOf(CanceledError);
    expect(existsSync(ran)).toBe(false);
  });
});
