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
  for (const { scenario, plan, summary, samples } of results) {
    parts.push(`### ${scenario.id}. ${scenario.title}: ${plan.size}, median of ${plan.rounds} round${plan.rounds === 1 ? '' : 's'}`);
    for (const table of [summary.table, ...(summary.extraTables ?? [])]) parts.push(markdownTable(table.headers, table.rows));
    for (const note of summary.notes ?? []) parts.push(note);
    if (plan.rounds > 1) parts.push(describeOrder(plan.subjects, samples));
  }
  return parts.join('\n\n') + '\n';
}

/** How often each subject ran first in its round: the rotation of the order, stated so it can be checked. */
function describeOrder(subjects, samples) {
  const firsts = subjects.map(({ id }) => `${id} ${(samples[id] ?? []).filter((sample) => sample.place === 0).length}`);
  return `Order rotated from round to round (balanced Latin square; subjects with fewer rounds run after the others); figures in parentheses are the range over rounds (min–max). Times first in its round: ${firsts.join(', ')}.`;
}
