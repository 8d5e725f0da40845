import { correctnessCheck } from '../lib/checks.js';
import { formatLineRate, formatNumber } from '../lib/format.js';
import { completed, everySample, medianOf } from '../lib/samples.js';
import { subjectTable } from '../lib/subjectTable.js';

const linesPerSecond = (sample) => sample.lines / (sample.wallMs / 1000);

/** Scenario 8: hundreds of children at once: all output delivered, time and memory, no fd left open. */
export default {
  id: '8',
  title: 'scale: many children at once',
  plan({ quick }) {
    const params = quick ? { children: 32, count: 1_000 } : { children: 256, count: 10_000 };
    return {
      size: `${params.children} children × ${params.count.toLocaleString('en-US')} lines`,
      rounds: quick ? 1 : 5,
      subjects: [
        { id: 'raw', label: 'raw spawn + split2 each (floor)', script: 'scaleRaw.js', params },
        { id: 'pipemux', label: 'pipemux: merge() of all timelines', script: 'scalePipemux.js', params },
      ],
    };
  },
  summarize(samples, plan) {
    const { children, count } = plan.subjects[0].params;
    const fdDrift = completed(samples.pipemux).map((sample) => sample.fdsAfter - sample.fdsBefore);
    return {
      table: subjectTable({ subjects: plan.subjects, samples, rateHeader: 'lines/s', rate: linesPerSecond, formatRate: formatLineRate, referenceId: 'raw' }),
      checks: [
        correctnessCheck({
          check: 'scale: every line of every child delivered',
          ok: everySample(samples.pipemux, (sample) => sample.lines === children * count && sample.childrenComplete === children),
          measured: `${children} × ${count.toLocaleString('en-US')}`,
          target: 'all',
        }),
        correctnessCheck({
          check: 'scale: open fds after / before',
          ok: everySample(samples.pipemux, (sample) => sample.fdsAfter === sample.fdsBefore),
          measured: `${formatNumber(medianOf(samples.pipemux, 'fdsAfter'), 0)} / ${formatNumber(medianOf(samples.pipemux, 'fdsBefore'), 0)} (worst drift ${Math.max(0, ...fdDrift)})`,
          target: 'equal',
        }),
        { kind: 'info', check: 'scale: pipemux wall time, peak RSS', measured: `${formatNumber(medianOf(samples.pipemux, 'wallMs') / 1000, 2)} s, ${formatNumber(medianOf(samples.pipemux, 'peakRssMB'), 0)} MB`, target: 'reported', verdict: '—' },
      ],
    };
  },
};
