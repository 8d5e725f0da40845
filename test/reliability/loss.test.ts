import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { pipemux, type MuxEvent } from '../../src/index.js';
import { collect, dataOf } from '../helpers/collect.js';
import { fixture, nodeFixture } from '../helpers/fixtures.js';
import { SuiteFigures } from './support/figures.js';
import { runPool } from './support/pool.js';
import { runs, timeoutFor } from './support/soak.js';

// Property 1 (nothing lost), attacked by children that exit the moment their last write returns.
const figures = new SuiteFigures('loss', 'Nothing lost: 1,000-line children that exit at once');

const LINES = 1000;
// The shell writes every line itself (printf is a builtin: the lines go out in a few write(2)s
// from the shell's own process), then SIGKILLs itself while they are still in the pipe.
const SHELL_KILLS_ITSELF = `printf '%s\\n' "$@"; kill -9 $$`;
const NUMBERS = Array.from({ length: LINES }, (_, i) => String(i + 1));

interface LossScenario {
  name: string;
  file: string;
  args: string[];
  runs: number;
  line: (i: number) => string;
  exit: { code: number | null; signal: string | null };
}

const scenarios: LossScenario[] = [
  {
    name: '`seq 1 1000` (C, stdio flushed by exit)',
    file: 'seq',
    args: ['1', String(LINES)],
    runs: runs(1000),
    line: (i) => String(i + 1),
    exit: { code: 0, signal: null },
  },
  {
    name: 'node fixture exiting in its write callback (`print-lines.mjs 1000`)',
    ...fixtureCommand('print-lines.mjs', String(LINES)),
    // Node children cost ~40 ms of CPU each (much more on a loaded machine): 100 here, 1,000 in the soak.
    runs: runs(100),
    line: (i) => `line ${i}`,
    exit: { code: 0, signal: null },
  },
  {
    name: "sh: `printf '%s\\n' 1 … 1000; kill -9 $$`",
    file: 'sh',
    args: ['-c', SHELL_KILLS_ITSELF, 'sh', ...NUMBERS],
    runs: runs(1000),
    line: (i) => String(i + 1),
    exit: { code: null, signal: 'SIGKILL' },
  },
];

function fixtureCommand(name: string, ...args: string[]): { file: string; args: string[] } {
  const [file, fixtureArgs] = nodeFixture(name, ...args);
  return { file, args: fixtureArgs };
}

/** Why a timeline is malformed (spawn first, exit last, seq 0, 1, 2, …), or undefined. */
function timelineProblem(events: readonly MuxEvent[]): string | undefined {
  if (events[0]?.type !== 'spawn') return `first event is ${events[0]?.type}`;
  if (events.at(-1)?.type !== 'exit') return `last event is ${events.at(-1)?.type}`;
  let expectedSeq = 0;
  for (const event of events.slice(1, -1)) {
    if (!('seq' in event)) return `a ${event.type} event in the middle`;
    if (event.seq !== expectedSeq++) return `seq ${event.seq} where ${expectedSeq - 1} was due`;
  }
  return undefined;
}

describe('loss: every line written before exit is delivered before the exit event', () => {
  it.each(scenarios)(
    '$name',
    async (scenario) => {
      let linesDelivered = 0;
      let linesWrong = 0;
      let runsWithLoss = 0;
      let malformed = 0;
      let wrongExit = 0;
      const problems: string[] = [];
      await runPool(scenario.runs, async (run) => {
        const events = await collect(pipemux(scenario.file, scenario.args));
        const lines = dataOf(events, 'stdout');
        linesDelivered += Math.min(lines.length, LINES);
        const wrong = lines.filter((line, i) => line !== scenario.line(i)).length;
        linesWrong += wrong;
        if (lines.length !== LINES || wrong > 0) {
          runsWithLoss++;
          problems.push(`run ${run}: ${lines.length} lines, ${wrong} wrong`);
        }
        const problem = timelineProblem(events);
        if (problem !== undefined) {
          malformed++;
          problems.push(`run ${run}: ${problem}`);
        }
        const exit = events.at(-1);
        if (exit?.type !== 'exit' || exit.code !== scenario.exit.code || exit.signal !== scenario.exit.signal) {
          wrongExit++;
          problems.push(`run ${run}: exit ${JSON.stringify(exit)}`);
        }
      });
      const linesExpected = scenario.runs * LINES;
      const row = figures.add({
        scenario: scenario.name,
        runs: scenario.runs,
        linesExpected,
        linesLost: linesExpected - linesDelivered,
        linesWrong,
        runsWithLoss,
        malformedTimelines: malformed,
        wrongExitStatus: wrongExit,
      });
      expect(problems.slice(0, 5)).toEqual([]);
      expect(row).toMatchObject({ linesLost: 0, linesWrong: 0, runsWithLoss: 0, malformedTimelines: 0, wrongExitStatus: 0 });
    },
    timeoutFor(240_000),
  );
});

// A program without a test runner around it: its event loop may run empty, which a test worker's
// never does. The bug fixed in 967de30 (output dropped by Node, a timeline that never ended) hung
// every run here, and would exit such a parent silently; 'beforeExit' in the fixture catches that.
describe('loss in a plain Node parent (no test runner around pipemux)', () => {
  it(
    '`seq 1 1000`, 8 at once, in rel-loss-parent.ts',
    async () => {
      const count = runs(1000);
      const viteNode = fileURLToPath(new URL('../../node_modules/.bin/vite-node', import.meta.url));
      const { stdout, exitCode } = await execa(viteNode, [fixture('rel-loss-parent.ts'), String(count), '8', 'seq', '1', String(LINES)], { reject: false });
      const summary = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
        completed: number;
        errored: number;
        hung: number;
        digests: Record<string, number>;
        exits: Record<string, number>;
        errors: string[];
      };
      const expectedDigest = createHash('sha256')
        .update(Array.from({ length: LINES }, (_, i) => String(i + 1)).join('\n'))
        .digest('hex');
      const runsWithLoss = count - (summary.digests[expectedDigest] ?? 0);
      const row = figures.add({
        scenario: '`seq 1 1000` in a plain Node parent (`rel-loss-parent.ts`)',
        runs: count,
        linesExpected: count * LINES,
        // A run whose lines differ is counted as all lost: the parent reports digests, not lines.
        linesLost: runsWithLoss * LINES,
        linesWrong: 0,
        runsWithLoss,
        malformedTimelines: summary.hung + summary.errored,
        wrongExitStatus: count - (summary.exits['0/null'] ?? 0),
      });
      expect({ exitCode, errors: summary.errors, hung: summary.hung }).toEqual({ exitCode: 0, errors: [], hung: 0 });
      expect(row).toMatchObject({ linesLost: 0, runsWithLoss: 0, malformedTimelines: 0, wrongExitStatus: 0 });
    },
    timeoutFor(240_000),
  );
});
