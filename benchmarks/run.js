// The benchmark runner: `npm run bench` (full, ~15 min on 2 cores) or `npm run bench -- --quick`.
// Each scenario runs its subjects alternately in fresh node processes and compares medians.
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describeMachine, loadAverage } from './lib/machine.js';
import { parseArgs } from './lib/parseArgs.js';
import { renderReport } from './lib/renderReport.js';
import { runRounds } from './lib/runRounds.js';
import { saveResults } from './lib/saveResults.js';
import { scenarios } from './scenarios/index.js';

const OUT_DIR = fileURLToPath(new URL('.out/', import.meta.url));
const RESULTS_FILE = fileURLToPath(new URL('RESULTS.md', import.meta.url));
const log = (line) => process.stderr.write(`${line}\n`);

const options = parseArgs(process.argv.slice(2));
const selected = scenarios.filter((scenario) => options.only === undefined || options.only.includes(scenario.id));
const startedAt = new Date().toISOString().slice(0, 16).replace('T', ' ');
const loadBefore = loadAverage();
const started = performance.now();
await mkdir(OUT_DIR, { recursive: true });

const results = [];
for (const scenario of selected) {
  const plan = scenario.plan(options);
  const rounds = options.rounds ?? plan.rounds;
  log(`scenario ${scenario.id}: ${scenario.title} (${plan.size}, ${rounds} rounds)`);
  const samples = await runRounds(plan.subjects, rounds, log);
  results.push({ scenario, plan: { ...plan, rounds }, samples, summary: scenario.summarize(samples, plan) });
}

const report = renderReport({
  machine: describeMachine(),
  quick: options.quick,
  startedAt,
  minutes: (performance.now() - started) / 60_000,
  loadBefore,
  loadAfter: loadAverage(),
  results,
});
process.stdout.write(report);
await writeFile(`${OUT_DIR}results.md`, report);
await writeFile(
  `${OUT_DIR}samples.json`,
  JSON.stringify(
    results.map(({ scenario, samples }) => ({ id: scenario.id, samples })),
    null,
    1,
  ),
);
if (options.save) await saveResults(RESULTS_FILE, report);

// A smoke run fails on wrong results (lost bytes, torn lines, leaked fds), never on slowness.
const broken = results.flatMap(({ summary }) => summary.checks).filter((check) => check.verdict === 'FAIL');
if (broken.length > 0) {
  log(`${broken.length} correctness check(s) failed: ${broken.map((check) => check.check).join('; ')}`);
  process.exitCode = 1;
}
