import { formatNumber, formatRatio } from './format.js';
import { medianBy, medianOf, pairedRatio, problemOf } from './samples.js';

/**
 * The detail table of a scenario: one row per subject with its median rate, wall time, CPU time
 * and peak RSS, and relative to the reference subject (paired by round) its rate and its CPU time.
 * The CPU ratio is what to read when the machine is shared: it barely moves with others' load.
 * `rate(sample)` is the figure named by `rateHeader`, where higher is better.
 */
export function subjectTable({ subjects, samples, rateHeader, rate, formatRate = formatNumber, referenceId }) {
  const relativeHeaders = referenceId ? [`${rateHeader} vs ${labelOf(subjects, referenceId)}`, 'CPU vs it'] : ['rounds'];
  const headers = ['subject', rateHeader, 'wall s', 'CPU s', 'peak RSS MB', ...relativeHeaders, 'note'];
  const rows = subjects.map(({ id, label, note = '' }) => {
    const own = samples[id] ?? [];
    const problem = problemOf(own);
    if (problem && !own.some((sample) => !sample.timedOut && !sample.failed)) return [label, '—', problem, '—', '—', ...relativeHeaders.map(() => '—'), note];
    const relative = referenceId
      ? [formatRatio(pairedRatio(own, samples[referenceId], rate)), formatRatio(pairedRatio(own, samples[referenceId], (sample) => sample.cpuS))]
      : [String(own.length)];
    return [
      label,
      formatRate(medianBy(own, rate)),
      formatNumber(medianOf(own, 'wallMs') / 1000, 2),
      formatNumber(medianOf(own, 'cpuS'), 2),
      formatNumber(medianOf(own, 'peakRssMB'), 0),
      ...relative,
      note,
    ];
  });
  return { headers, rows };
}

function labelOf(subjects, id) {
  return subjects.find((subject) => subject.id === id)?.label ?? id;
}
