import { correctnessCheck, infoCheck, speedCheck } from '../lib/checks.js';
import { formatLineRate, formatNumber, formatRatio } from '../lib/format.js';
import { completed, everySample, medianOf, pairedRatios, pairedValues } from '../lib/samples.js';
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
      // More rounds than most: its figure moves with every hiccup of a shared machine.
      rounds: quick ? 1 : 10,
      subjects: [
        { id: 'raw', label: 'raw spawn + split2 each (floor)', script: 'scaleRaw.js', params },
        { id: 'pipemux', label: 'pipemux: merge() of all timelines', script: 'scalePipemux.js', params },
      ],
    };
  },
  summarize(samples, plan) {
    const { children, count } = plan.subjects[0].params;
    const fdDrift = completed(samples.pipemux).map((sample) => sample.fdsAfter - sample.fdsBefore);
    const perChildMs = (seconds) => `${formatNumber((seconds * 1000) / children, 2)} ms`;
    return {
      table: subjectTable({ subjects: plan.subjects, samples, rateHeader: 'lines/s', rate: linesPerSecond, formatRate: formatLineRate, referenceId: 'raw' }),
      checks: [
        speedCheck({
          check: 'scale: pipemux / raw floor, lines/s',
          values: pairedRatios(samples.pipemux, samples.raw, linesPerSecond),
          target: '≥ 0.85×',
          passes: (r) => r >= 0.85,
          format: formatRatio,
        }),
        infoCheck({
          check: 'scale: CPU per child, pipemux / raw floor',
          value: [medianOf(samples.pipemux, 'cpuS'), medianOf(samples.raw, 'cpuS')],
          format: (cpu) => cpu.map(perChildMs).join(' / '),
        }),
        infoCheck({
          check: 'scale: CPU per child beyond the floor (pipemux − raw)',
          values: pairedValues(samples.pipemux, samples.raw, (a, b) => a.cpuS - b.cpuS),
          format: perChildMs,
        }),
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
        infoCheck({
          check: 'scale: pipemux wall time, peak RSS',
          value: [medianOf(samples.pipemux, 'wallMs'), medianOf(samples.pipemux, 'peakRssMB')],
          format: ([wallMs, rss]) => `${formatNumber(wallMs / 1000, 2)} s, ${formatNumber(rss, 0)} MB`,
        }),
      ],
      notes: [
        'CPU per child is the CPU time of the whole subject process (user + system, the reading of every line included) divided by the number of children.',
      ],
    };
  },
};
