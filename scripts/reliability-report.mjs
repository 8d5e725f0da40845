#!/usr/bin/env node
// Usage: node scripts/reliability-report.mjs [--check]
// Renders the figures the reliability suite wrote (test/reliability/.out/<suite>.json, one file per
// test file, written by `npm test`; test/reliability/.out/soak/<suite>.json by `npm run soak`) as
// tables into docs/RELIABILITY.md, between the markers <!-- figures:start --> and <!-- figures:end -->;
// the rest of the document is left as it is. Also writes the merged figures to .out/figures.json.
// --check: exit 1 (and write nothing) if a suite's figures are missing or show a failure.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = new URL('../', import.meta.url);
const outDir = new URL('test/reliability/.out/', root);
const docPath = new URL('docs/RELIABILITY.md', root);
const START = '<!-- figures:start -->';
const END = '<!-- figures:end -->';

/** The suites in the order of the document, with the columns that add up into the summary. */
const SUITES = ['loss', 'leaks', 'killPaths', 'badInput', 'fuzz', 'roundTwo', 'exitReports'];

/** Column headers; a key not listed here is shown as it is. */
const LABELS = {
  scenario: 'Scenario',
  input: 'Input',
  property: 'Property',
  runs: 'Runs',
  cycles: 'Cycles',
  cases: 'Cases',
  tried: 'Tried',
  variants: 'Variants',
  linesExpected: 'Lines expected',
  linesLost: 'Lines lost',
  linesWrong: 'Lines wrong',
  runsWithLoss: 'Runs with loss',
  malformedTimelines: 'Malformed timelines',
  wrongExitStatus: 'Wrong exit status',
  cyclesWithProblems: 'Cycles with problems',
  fdsLeft: 'FDs left',
  childrenLeft: 'Children left',
  fifoDirsLeft: 'FIFO dirs left',
  fifoDirsBefore: 'FIFO dirs before',
  childIgnoringSigtermSurvived: 'Child ignoring SIGTERM survived',
  outcome: 'Outcome',
  expected: 'Documented result',
  waitMs: 'Wait (ms)',
  problems: 'Problems',
  killedTooEarly: 'Killed too early',
  endedTooEarly: 'Ended too early',
  rejected: 'Rejected',
  wrong: 'Wrong',
  rssGrowthMiB: 'RSS growth (MiB)',
  casesRunWithShrinking: 'Cases run (incl. shrinking)',
  pieces: 'Pieces written',
  failedRunners: 'Failed runners',
  seeds: 'Seeds',
  settleMs: 'Time to settle (ms)',
};

/** Keys whose non-zero (or true) value is a failure, summed into the summary table. */
const BAD = [
  'linesLost',
  'linesWrong',
  'runsWithLoss',
  'malformedTimelines',
  'wrongExitStatus',
  'cyclesWithProblems',
  'fdsLeft',
  'childrenLeft',
  'fifoDirsLeft',
  'problems',
  'killedTooEarly',
  'endedTooEarly',
  'wrong',
  'failedRunners',
  'childIgnoringSigtermSurvived',
];
/** Rows that record a known limit (see the document): their leftovers are reported, not counted as failures. */
const isKnownLimit = (row) => /SIGKILL \(no handler can run\)/.test(String(row.scenario ?? ''));

const cell = (value) => {
  if (value === undefined || value === null) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return value.toLocaleString('en-US');
  return String(value).replaceAll('|', '\\|').replaceAll('\n', ' ');
};

function table(rows) {
  const keys = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const header = `| ${keys.map((key) => LABELS[key] ?? key).join(' | ')} |`;
  const rule = `| ${keys.map(() => '---').join(' | ')} |`;
  return [header, rule, ...rows.map((row) => `| ${keys.map((key) => cell(row[key])).join(' | ')} |`)].join('\n');
}

const sum = (rows, key) => rows.reduce((total, row) => total + (typeof row[key] === 'number' ? row[key] : 0), 0);

function render(figures, heading) {
  const parts = [];
  const summary = [];
  for (const suite of SUITES) {
    const f = figures[suite];
    if (f === undefined) {
      summary.push({ suite, title: '(no figures: the suite did not run)', runs: '', failures: 'missing' });
      continue;
    }
    const counted = f.rows.filter((row) => !isKnownLimit(row));
    const failures = BAD.reduce(
      (total, key) => total + counted.reduce((n, row) => n + (typeof row[key] === 'number' ? row[key] : row[key] === true ? 1 : 0), 0),
      0,
    );
    summary.push({
      suite,
      title: f.title,
      runs: sum(f.rows, 'runs') + sum(f.rows, 'cycles') + sum(f.rows, 'cases') + sum(f.rows, 'tried'),
      linesLost: sum(f.rows, 'linesLost'),
      fdsLeft: sum(counted, 'fdsLeft'),
      childrenLeft: sum(counted, 'childrenLeft'),
      fifoDirsLeft: sum(counted, 'fifoDirsLeft'),
      failures,
      tests: `${f.testsRun - f.testsFailed}/${f.testsRun} passed`,
      testsFailed: f.testsFailed,
      crashes: f.crashes.unhandledRejections + f.crashes.uncaughtExceptions,
    });
    parts.push(
      `#### ${f.title}\n\n` +
        `\`${suite}.test.ts\`: ${f.testsRun - f.testsFailed} of ${f.testsRun} tests passed in ${(f.durationMs / 1000).toFixed(1)} s; ` +
        `soak factor ${f.soakFactor}; ${f.node} on ${f.platform}; ${f.finishedAt.slice(0, 19).replace('T', ' ')} UTC; ` +
        `unhandled rejections ${f.crashes.unhandledRejections}, uncaught exceptions ${f.crashes.uncaughtExceptions}.\n\n` +
        table(f.rows),
    );
  }
  const summaryTable = table(
    summary.map(({ suite, title, runs, linesLost, fdsLeft, childrenLeft, fifoDirsLeft, failures, tests, crashes }) => ({
      Suite: `${title} (\`${suite}\`)`,
      'Runs / cycles / cases / inputs': runs,
      'Lines lost': linesLost,
      'FDs left': fdsLeft,
      'Children left': childrenLeft,
      'FIFO dirs left': fifoDirsLeft,
      'Failures counted': failures,
      'Unhandled rejections + uncaught exceptions': crashes,
      Tests: tests,
    })),
  );
  const note = 'Leftovers of rows that record a known limit (the parent sent SIGKILL) are shown in their table, not counted here.';
  return { text: `### ${heading}\n\n${summaryTable}\n\n${note}\n\n${parts.join('\n\n')}\n`, summary };
}

function readFigures(dir) {
  const figures = {};
  for (const suite of SUITES) {
    const path = new URL(`${suite}.json`, dir);
    if (existsSync(path)) figures[suite] = JSON.parse(readFileSync(path, 'utf8'));
  }
  return figures;
}

const runs = [{ key: 'test', heading: '`npm test`', figures: readFigures(outDir) }];
const soakFigures = readFigures(new URL('soak/', outDir));
if (Object.keys(soakFigures).length > 0) {
  const factor = Object.values(soakFigures)[0].soakFactor;
  runs.push({ key: 'soak', heading: `\`npm run soak\` (every count ×${factor})`, figures: soakFigures });
}
const rendered = runs.map((run) => ({ ...run, ...render(run.figures, run.heading) }));
const text = `## Figures\n\n_Generated by \`node scripts/reliability-report.mjs\` from the last runs' figures; do not edit by hand._\n\n${rendered.map((run) => run.text).join('\n')}`;
const bad = rendered.flatMap((run) =>
  run.summary.filter((s) => s.failures === 'missing' || s.failures > 0 || s.crashes > 0 || s.testsFailed > 0).map((s) => `${run.key}: ${s.suite}`),
);
if (process.argv.includes('--check') && bad.length > 0) {
  console.error(`reliability figures show problems in: ${bad.join(', ')}`);
  process.exit(1);
}
const doc = readFileSync(docPath, 'utf8');
const start = doc.indexOf(START);
const end = doc.indexOf(END);
if (start === -1 || end < start) throw new Error(`${fileURLToPath(docPath)} has no ${START} … ${END} section`);
writeFileSync(docPath, `${doc.slice(0, start + START.length)}\n${text}${doc.slice(end)}`);
writeFileSync(new URL('figures.json', outDir), `${JSON.stringify(Object.fromEntries(runs.map((run) => [run.key, run.figures])), null, 2)}\n`);
console.log(`wrote ${fileURLToPath(docPath)}`);
for (const run of rendered) for (const s of run.summary) console.log(`  ${run.key} ${s.suite}: ${s.tests ?? 'missing'}, failures ${s.failures}`);
