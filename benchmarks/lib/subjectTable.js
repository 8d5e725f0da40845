import { formatNumber, formatRatio } from './format.js';
import { medianBy, medianOf, pairedRatio, problemOf } from './samples.js';

/**
 * The detail table of a scenario: one row per subject with its median rate, wall time, CPU time
 * and peak RSS, and its rate relative to the reference subject (paired by round).
 * `rate(sample)` is the figure named by `rateHeader`, where higher is better.
 */
export function subjectTable({ subjects, samples, rateHeader, rate, formatRate = formatNumber, referenceId }) {
  const headers = ['subject', rateHeader, 'wall s', 'CPU s', 'peak RSS MB', referenceId ? `vs ${labelOf(subjects, referenceId)}` : 'rounds', 'note'];
  const rows = subjects.map(({ id, label, note = '' }) => {
    const own = samples[id] ?? [];
    const problem = problemOf(own);
    if (problem && !own.some((sample) => !sample.timedOut && !sample.failed)) return [label, '—', problem, '—', '—', '—', note];
    const relative = referenceId ? formatRatio(pairedRatio(own, samples[referenceId], rate) ) : String(own.length);
    return [
      label,
      formatRate(medianBy(own, rate)),
      formatNumber(medianOf(own, 'wallMs') / 1000, 2),
      formatNumber(medianOf(own, 'cpuS'), 2),
      formatNumber(medianOf(own, 'peakRssMB'), 0),
      id === referenceId ? '1.00×' : relative,
      note,
    ];
  });
  return { headers, rows };
}

function labelOf(subjects, id) {
  return subjects.find((subject) => subject.id === id)?.label ?? id;
}
