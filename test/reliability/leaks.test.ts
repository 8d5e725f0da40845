import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Observable } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipemux, type MuxEvent, type PipemuxOptions } from '../../src/index.js';
import { collect, dataOf } from '../helpers/collect.js';
import { holdsWithin } from '../helpers/deadline.js';
import { isAlive } from '../helpers/processes.js';
import { SuiteFigures } from './support/figures.js';
import { runPool } from './support/pool.js';
import { leftoversAfterSettling, takeBaseline } from './support/processes.js';
import { runs, timeoutFor } from './support/soak.js';

// Property 6 (owned lifetimes) at scale: after many runs ended every way, this process has the same
// fds and children as before, and no FIFO or temp dir is left.
const figures = new SuiteFigures('leaks', 'Leaks: spawn/complete and spawn/unsubscribe cycles');

type Variant = 'plain' | 'tee' | 'fifo' | 'fifo+tee';
const VARIANTS: readonly Variant[] = ['plain', 'tee', 'fifo', 'fifo+tee'];
const SEQ_LINES = 100;
const seqText = Array.from({ length: SEQ_LINES }, (_, i) => `${i + 1}\n`).join('');
const FIFO_INPUT = ['alpha', 'beta', 'gamma'];

// Private dirs, so that what is left in them can be counted exactly (other tests share os.tmpdir()).
let fifoDir: string;
let teeDir: string;
beforeAll(async () => {
  fifoDir = await mkdtemp(join(tmpdir(), 'pipemux-rel-fifo-'));
  teeDir = await mkdtemp(join(tmpdir(), 'pipemux-rel-tee-'));
});
afterAll(async () => {
  await rm(fifoDir, { recursive: true, force: true });
  await rm(teeDir, { recursive: true, force: true });
});

const hasFifo = (variant: Variant) => variant.startsWith('fifo');
const hasTee = (variant: Variant) => variant.endsWith('tee');
const teePaths = (cycle: string) => ({ stdout: join(teeDir, `${cycle}.out`), all: join(teeDir, `${cycle}.all`) });

/** A run that completes: `seq` (plain, tee) or `cat` echoing what was written into its FIFO. */
function completingRun(variant: Variant, cycle: string): { file: string; args: string[]; options: PipemuxOptions; expected: string[] } {
  const options: PipemuxOptions = {};
  if (hasTee(variant)) options.tee = teePaths(cycle);
  if (hasFifo(variant)) {
    options.stdin = { fifo: true, source: [FIFO_INPUT], dir: fifoDir };
    return { file: 'cat', args: [], options, expected: FIFO_INPUT };
  }
  return { file: 'seq', args: ['1', String(SEQ_LINES)], options, expected: seqText.trimEnd().split('\n') };
}

/** Checks one completed run; returns what is wrong with it (empty when nothing). */
async function checkCompleted(variant: Variant, cycle: string, events: MuxEvent[], expected: string[]): Promise<string[]> {
  const problems: string[] = [];
  const lines = dataOf(events, 'stdout');
  if (lines.join('\n') !== expected.join('\n')) problems.push(`stdout ${JSON.stringify(lines.slice(0, 3))}… (${lines.length} lines)`);
  const exit = events.at(-1);
  if (exit?.type !== 'exit' || exit.code !== 0) problems.push(`exit ${JSON.stringify(exit)}`);
  const spawn = events[0];
  if (hasFifo(variant)) {
    const fifoPath = spawn?.type === 'spawn' ? spawn.fifoPath : undefined;
    if (fifoPath === undefined || dirname(dirname(fifoPath)) !== fifoDir) problems.push(`fifoPath ${fifoPath}`);
    // Removed before the exit event, so gone when the timeline completes.
    else if (existsSync(dirname(fifoPath))) problems.push(`FIFO dir still there at completion: ${dirname(fifoPath)}`);
  }
  if (hasTee(variant)) {
    const paths = teePaths(cycle);
    const text = `${expected.join('\n')}\n`;
    for (const path of [paths.stdout, paths.all]) {
      const written = await readFile(path, 'utf8').catch((error: Error) => `(${error.message})`);
      if (written !== text) problems.push(`tee file ${path}: ${written.length} bytes`);
      await rm(path, { force: true });
    }
  }
  return problems;
}

/** Subscribes and unsubscribes as soon as `stopHere(event, index)` holds; resolves with the events seen. */
function runUntil(
  timeline: Observable<MuxEvent>,
  stopHere: (event: MuxEvent, index: number) => boolean | Promise<boolean>,
): Promise<{ events: MuxEvent[]; endedFirst: boolean }> {
  return new Promise((resolve) => {
    const events: MuxEvent[] = [];
    let stopping = false;
    const subscription = timeline.subscribe({
      next: (event) => {
        events.push(event);
        if (stopping) return;
        void Promise.resolve(stopHere(event, events.length - 1)).then((stop) => {
          if (!stop || stopping) return;
          stopping = true;
          subscription.unsubscribe();
          resolve({ events, endedFirst: false });
        });
      },
      error: () => resolve({ events, endedFirst: true }),
      complete: () => resolve({ events, endedFirst: true }),
    });
  });
}

/** An unsubscribe cycle: `yes` floods stdout (plain, tee) or `cat` echoes FIFO input; stops at spawn, at the 1st or the 50th line. */
async function unsubscribeCycle(variant: Variant, cycle: number): Promise<string[]> {
  const options: PipemuxOptions = {};
  if (hasTee(variant)) options.tee = teePaths(`u${cycle}`);
  const stopAt = cycle % 3;
  let stopHere: (event: MuxEvent, index: number) => boolean | Promise<boolean>;
  let file = 'yes';
  if (hasFifo(variant)) {
    file = 'cat';
    options.stdin = { fifo: true, dir: fifoDir };
    // An external writer: open the FIFO, write a line, close; cat echoes it.
    stopHere = async (event) => {
      if (event.type === 'spawn') {
        if (stopAt === 0) return true;
        await writeFile(event.fifoPath!, stopAt === 1 ? 'ping\n' : 'ping\npong\n');
        return false;
      }
      return event.type === 'stdout' && event.data === (stopAt === 1 ? 'ping' : 'pong');
    };
  } else {
    stopHere = (event, index) => (stopAt === 0 ? event.type === 'spawn' : index === (stopAt === 1 ? 1 : 50));
  }
  const { events, endedFirst } = await runUntil(pipemux(file, [], options), stopHere);
  const problems: string[] = [];
  if (endedFirst) problems.push(`the timeline ended before the unsubscribe: ${JSON.stringify(events.at(-1))}`);
  const spawn = events[0];
  if (spawn?.type !== 'spawn') return [...problems, `first event ${spawn?.type}`];
  if (!(await holdsWithin(() => !isAlive(spawn.pid), 10_000))) problems.push(`child ${spawn.pid} alive 10 s after the unsubscribe`);
  if (spawn.fifoPath !== undefined && !(await holdsWithin(() => !existsSync(dirname(spawn.fifoPath!)), 10_000)))
    problems.push(`FIFO dir left: ${dirname(spawn.fifoPath)}`);
  return problems;
}

async function completeCycle(variant: Variant, cycle: number): Promise<string[]> {
  const name = `c${cycle}`;
  const { file, args, options, expected } = completingRun(variant, name);
  const events = await collect(pipemux(file, args, options));
  return checkCompleted(variant, name, events, expected);
}

describe('leaks: fds, children, FIFOs and temp dirs return to the baseline', () => {
  it.each([
    { kind: 'spawn → complete', cycle: completeCycle, cycles: runs(1000) },
    { kind: 'spawn → unsubscribe', cycle: unsubscribeCycle, cycles: runs(1000) },
  ])(
    '$cycles cycles of $kind, variants plain / tee / FIFO stdin / FIFO + tee in turn',
    async ({ kind, cycle, cycles }) => {
      // Warm up first: the first spawn opens fds that stay (libuv's signal pipe, execa's handlers).
      for (const [index, variant] of VARIANTS.entries()) await cycle(variant, -1 - index);
      await leftoversAfterSettling(await takeBaseline(), 5000);
      const baseline = await takeBaseline();
      const problems: string[] = [];
      const perVariant = new Map<Variant, number>();
      await runPool(cycles, async (index) => {
        const variant = VARIANTS[index % VARIANTS.length]!;
        perVariant.set(variant, (perVariant.get(variant) ?? 0) + 1);
        for (const problem of await cycle(variant, index)) problems.push(`cycle ${index} (${variant}): ${problem}`);
      });
      const leftovers = await leftoversAfterSettling(baseline);
      const fifoDirsLeft = (await readdir(fifoDir)).length;
      const row = figures.add({
        scenario: kind,
        cycles,
        variants: [...perVariant].map(([variant, count]) => `${variant} ${count}`).join(', '),
        cyclesWithProblems: problems.length,
        fdsLeft: leftovers.fdsLeft,
        childrenLeft: leftovers.childrenLeft,
        fifoDirsLeft,
      });
      expect(problems.slice(0, 5)).toEqual([]);
      expect(row, leftovers.details.join(', ')).toMatchObject({ cyclesWithProblems: 0, fdsLeft: 0, childrenLeft: 0, fifoDirsLeft: 0 });
    },
    timeoutFor(300_000),
  );
});
