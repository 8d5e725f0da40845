import { correctnessCheck, speedCheck } from '../lib/checks.js';
import { formatLineRate, formatRatio } from '../lib/format.js';
import { everySample, pairedRatios } from '../lib/samples.js';
import { subjectTable } from '../lib/subjectTable.js';

const linesPerSecond = (sample) => sample.lines / (sample.wallMs / 1000);

/** Scenario 2: line splitting throughput, against raw spawn + split2 and execa's line APIs. */
export default {
  id: '2',
  title: 'line mode: lines from `seq`',
  plan({ quick }) {
    const count = quick ? 50_000 : 5_000_000;
    const params = { count };
    const rounds = quick ? 1 : 6;
    return {
      size: `${count.toLocaleString('en-US')} lines`,
      rounds,
      subjects: [
        { id: 'raw', label: 'raw spawn + split2 (floor)', script: 'linesRawSplit2.js', params },
        { id: 'pipemux', label: 'pipemux lines', script: 'linesPipemux.js', params },
        { id: 'pipemuxFlush', label: 'pipemux lines, flushPartialAfter: 100', script: 'linesPipemux.js', params: { ...params, flushPartialAfter: 100 } },
        // The execa peers take ~10 s a round: three rounds are enough to show where they stand.
        {
          id: 'execaIterable',
          label: 'execa: for await of .iterable()',
          script: 'linesExecaIterable.js',
          params,
          rounds: Math.min(rounds, 3),
          note: 'buffer: false',
        },
        { id: 'execaLines', label: 'execa: lines: true', script: 'linesExecaLinesOption.js', params, rounds: Math.min(rounds, 3), note: 'buffers all lines' },
      ],
    };
  },
  summarize(samples, plan) {
    const { count } = plan.subjects[0].params;
    return {
      table: subjectTable({ subjects: plan.subjects, samples, rateHeader: 'lines/s', rate: linesPerSecond, formatRate: formatLineRate, referenceId: 'raw' }),
      checks: [
        speedCheck({
          check: 'lines: pipemux / raw spawn + split2',
          values: pairedRatios(samples.pipemux, samples.raw, linesPerSecond),
          target: '≥ 0.85×',
          passes: (r) => r >= 0.85,
          format: formatRatio,
        }),
        speedCheck({
          check: 'lines: with flushPartialAfter / without (no per-line timer)',
          values: pairedRatios(samples.pipemuxFlush, samples.pipemux, linesPerSecond),
          target: '≥ 0.95×',
          passes: (r) => r >= 0.95,
          format: formatRatio,
        }),
        speedCheck({
          check: "lines: pipemux / execa's line iteration",
          values: pairedRatios(samples.pipemux, samples.execaIterable, linesPerSecond),
          target: '≥ 3× ("several times")',
          passes: (r) => r >= 3,
          format: formatRatio,
        }),
        correctnessCheck({
          check: 'lines: every line delivered, last one whole (all subjects)',
          ok: plan.subjects.every(({ id }) => everySample(samples[id], (sample) => sample.lines === count && sample.last === String(count))),
          measured: `${count.toLocaleString('en-US')} each`,
          target: 'all',
        }),
      ],
    };
  },
};
