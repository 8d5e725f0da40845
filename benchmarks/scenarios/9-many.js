import { correctnessCheck, speedCheck } from '../lib/checks.js';
import { formatLineRate, formatRatio } from '../lib/format.js';
import { completed, everySample, pairedRatios } from '../lib/samples.js';
import { subjectTable } from '../lib/subjectTable.js';

const linesPerSecond = (sample) => sample.lines / (sample.wallMs / 1000);
const worst = (samples, field) => Math.max(0, ...completed(samples).map((sample) => sample[field]));

/** Scenario 9: the job of concurrently: named children, coloured name prefixes, one merged output. */
export default {
  id: '9',
  title: 'many: muxAll() with names and colours against concurrently',
  plan({ quick }) {
    const params = { names: ['alpha', 'bravo', 'charlie', 'delta'], count: quick ? 20_000 : 1_000_000 };
    return {
      size: `${params.names.length} × ${params.count.toLocaleString('en-US')} lines`,
      rounds: quick ? 1 : 6,
      subjects: [
        {
          id: 'concurrently',
          label: 'concurrently (API, names, auto colours)',
          script: 'manyConcurrently.js',
          params,
          note: 'prefixes chunks; output parsed back into lines',
        },
        {
          id: 'pipemux',
          label: "muxAll() + prefix({ stdout: '[{name}] ', color: true })",
          script: 'manyPipemux.js',
          params,
          note: 'one event per line, each checked',
        },
      ],
    };
  },
  summarize(samples, plan) {
    const { names, count } = plan.subjects[0].params;
    const tornOrShuffled = (id) => `${worst(samples[id], 'torn')} torn, ${worst(samples[id], 'outOfOrder')} out of order`;
    return {
      table: subjectTable({
        subjects: plan.subjects,
        samples,
        rateHeader: 'lines/s',
        rate: linesPerSecond,
        formatRate: formatLineRate,
        referenceId: 'concurrently',
      }),
      checks: [
        speedCheck({
          check: 'many: muxAll / concurrently, lines/s',
          values: pairedRatios(samples.pipemux, samples.concurrently, linesPerSecond),
          target: '≥ 1.20×',
          passes: (r) => r >= 1.2,
          format: formatRatio,
        }),
        correctnessCheck({
          check: 'many: muxAll lines torn or out of order (worst round)',
          ok: everySample(samples.pipemux, (sample) => sample.torn === 0 && sample.outOfOrder === 0 && sample.lines === names.length * count),
          measured: tornOrShuffled('pipemux'),
          target: '0, all delivered',
        }),
      ],
      notes: [`concurrently, same check (not a target, for comparison): ${tornOrShuffled('concurrently')} in its worst round.`],
    };
  },
};
