import { correctnessCheck, speedCheck } from '../lib/checks.js';
import { formatNumber, formatRatio, formatWithRange } from '../lib/format.js';
import { everySample, medianOf, pairedRatios, problemOf, rangeBy, valuesBy } from '../lib/samples.js';
import { median, range } from '../lib/stats.js';

const VIAS = ['pipe', 'fifo'];

/** Scenario 5: latency of one line through stdin to `cat` and back as a line event, one at a time. */
export default {
  id: '5',
  title: 'round trip: a line written to `cat` through stdin, read back as a line event',
  plan({ quick }) {
    const count = quick ? 2_000 : 20_000;
    const warmUp = count / 100;
    return {
      size: `${count.toLocaleString('en-US')} sequential trips (first ${warmUp} not counted)`,
      rounds: quick ? 1 : 8,
      subjects: VIAS.flatMap((via) => [
        {
          id: `raw-${via}`,
          via,
          label: `raw spawn + split2, ${via === 'fifo' ? 'FIFO made by hand' : 'stdin pipe'} (floor)`,
          script: 'roundTripRaw.js',
          params: { count, warmUp, via },
        },
        {
          id: `pipemux-${via}`,
          via,
          label: `pipemux, stdin: ${via === 'fifo' ? '{ fifo: true, source: Subject }' : 'Subject'}`,
          script: 'roundTripPipemux.js',
          params: { count, warmUp, via },
        },
      ]),
    };
  },
  summarize(samples, plan) {
    const { count } = plan.subjects[0].params;
    const micros = (value) => `${formatNumber(value, 1)} µs`;
    const p50Ratios = (via) => pairedRatios(samples[`pipemux-${via}`], samples[`raw-${via}`], (sample) => sample.p50Us);
    const withRange = (id, field, digits) =>
      formatWithRange(
        medianOf(samples[id], field),
        rangeBy(samples[id], (sample) => sample[field]),
        (value) => formatNumber(value, digits),
      );
    const rows = plan.subjects.map(({ id, via, label }) => {
      const problem = problemOf(samples[id]);
      if (problem) return [label, '—', '—', '—', problem, '—'];
      const ratio = id.startsWith('pipemux') ? formatWithRange(median(p50Ratios(via)), range(p50Ratios(via)), formatRatio) : '1.00×';
      return [
        label,
        withRange(id, 'p50Us', 1),
        withRange(id, 'p99Us', 1),
        formatNumber(medianOf(samples[id], 'maxUs'), 0),
        formatNumber(medianOf(samples[id], 'cpuS'), 2),
        ratio,
      ];
    });
    return {
      table: { headers: ['subject', 'p50 µs (min–max)', 'p99 µs (min–max)', 'max µs', 'CPU s', 'p50 vs its floor'], rows },
      checks: [
        ...VIAS.flatMap((via) => [
          speedCheck({
            check: `round trip (${via}): pipemux p50 / raw p50`,
            values: p50Ratios(via),
            target: '≤ 2.00×',
            passes: (r) => r <= 2,
            format: formatRatio,
          }),
          speedCheck({
            check: `round trip (${via}): pipemux p99`,
            values: valuesBy(samples[`pipemux-${via}`], (sample) => sample.p99Us),
            target: '≤ 200 µs',
            passes: (p) => p <= 200,
            format: micros,
          }),
        ]),
        correctnessCheck({
          check: 'round trip: every line came back whole and in order',
          ok: plan.subjects.every(({ id }) => everySample(samples[id], (sample) => sample.trips === count && sample.wrong === 0)),
          measured: `${count.toLocaleString('en-US')} each`,
          target: 'all',
        }),
      ],
      notes: [
        'Percentiles are per round, then the median over rounds. The max is one outlier by nature (a scheduling hiccup of the shared machine), shown for honesty, not judged.',
      ],
    };
  },
};
