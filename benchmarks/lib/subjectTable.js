import { formatNumber, formatRatio, formatWithRange } from './format.js';
import { medianBy, medianOf, pairedRatios, problemOf, rangeBy } from './samples.js';
import { median, range } from './stats.js';

/**
 * The detail table of a scenario: one row per subject with its median rate, wall time, CPU time
 * and peak RSS, and relative to the reference subject (paired by round) its rate and its CPU time.
 * Rates and ratios carry their range over rounds (min–max) beside the median.
 * The CPU ratio is what to read when the machine is shared: it barely moves with others' load.
 * `rate(sample)` is the figure named by `rateHeader`, where higher is better. A subject with
 * `compared: false` (another workload) gets no ratios.
 */
export function subjectTable({ subjects, samples, rateHeader, rate, formatRate = formatNumber, referenceId }) {
  const relativeHeaders = referenceId ? [`${rateHeader} vs ${labelOf(subjects, referenceId)}`, 'CPU vs it'] : [];
  const headers = ['subject', `${rateHeader} (min–max)`, 'wall s', 'CPU s (min–max)', 'peak RSS MB', ...relativeHeaders, 'rounds', 'note'];
  const cpu = (sample) => sample.cpuS;
  const withRange = (values, format) => formatWithRange(median(values), range(values), format);
  const rows = subjects.map(({ id, label, note = '', compared = true }) => {
    const own = samples[id] ?? [];
    const problem = problemOf(own);
    if (problem && !own.some((sample) => !sample.timedOut && !sample.failed))
      return [label, '—', problem, '—', '—', ...relativeHeaders.map(() => '—'), String(own.length), note];
    const reference = samples[referenceId];
    // `compared: false`: another workload, side by side only for its own figures.
    const relative = !referenceId
      ? []
      : compared
        ? [withRange(pairedRatios(own, reference, rate), formatRatio), withRange(pairedRatios(own, reference, cpu), formatRatio)]
        : ['—', '—'];
    return [
      label,
      formatWithRange(medianBy(own, rate), rangeBy(own, rate), formatRate),
      formatNumber(medianOf(own, 'wallMs') / 1000, 2),
      formatWithRange(medianOf(own, 'cpuS'), rangeBy(own, cpu), (value) => formatNumber(value, 2)),
      formatNumber(medianOf(own, 'peakRssMB'), 0),
      ...relative,
      String(own.length),
      note,
    ];
  });
  return { headers, rows };
}

function labelOf(subjects, id) {
  return subjects.find((subject) => subject.id === id)?.label ?? id;
}
