import { formatNumber } from './format.js';
import { markdownTable } from './markdownTable.js';

/** The whole report as markdown: machine, the checks against the targets, then each scenario's figures. */
export function renderReport({ machine, quick, startedAt, minutes, loadBefore, loadAfter, results }) {
  const checks = results.flatMap(({ scenario, summary }) => summary.checks.map((check) => ({ ...check, scenario: scenario.id })));
  const verdictOf = (check) => (quick && check.kind === 'speed' && check.verdict !== 'skip' ? '— (quick)' : check.verdict);
  const parts = [
    `Run ${startedAt} (${quick ? 'quick: tiny sizes, speed not judged' : 'full'}), ${formatNumber(minutes, 1)} min. ` +
      `Node ${machine.node}, ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.kernel}. ` +
      `Load average (1 min) ${formatNumber(loadBefore, 2)} before, ${formatNumber(loadAfter, 2)} after.`,
    markdownTable(
      ['#', 'check', 'measured', 'target', 'verdict'],
      checks.map((check) => [check.scenario, check.check, check.measured, check.target, verdictOf(check)]),
    ),
  ];
  for (const { scenario, plan, summary } of results) {
    parts.push(`### ${scenario.id}. ${scenario.title}: ${plan.size}, median of ${plan.rounds} round${plan.rounds === 1 ? '' : 's'}`);
    for (const table of [summary.table, ...(summary.extraTables ?? [])]) parts.push(markdownTable(table.headers, table.rows));
    for (const note of summary.notes ?? []) parts.push(note);
  }
  return parts.join('\n\n') + '\n';
}
