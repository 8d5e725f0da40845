import { correctnessCheck, speedCheck } from '../lib/checks.js';
import { formatLineRate, formatRatio } from '../lib/format.js';
import { completed, everySample, pairedRatios } from '../lib/samples.js';
import { subjectTable } from '../lib/subjectTable.js';

const linesPerSecond = (sample) => sample.lines / (sample.wallMs / 1000);
const worst = (samples, field) => Math.max(0, ...completed(samples).map((sample) => sample[field]));

/** Scenario 4: several children merged into one prefixed timeline, against concurrently. */
export default {
  id: '4',
  title: 'children merged into one timeline with prefixes',
  plan({ quick }) {
    const params = { children: 4, count: quick ? 20_000 : 1_000_000 };
    return {
      size: `${params.children} × ${params.count.toLocaleString('en-US')} lines`,
      rounds: quick ? 1 : 6,
      subjects: [
        {
          id: 'concurrently',
          label: 'concurrently (API, prefix "[{index}]")',
          script: 'mergeConcurrently.js',
          params,
          note: 'prefixes chunks; output parsed back into lines',
        },
        { id: 'pipemux', label: 'pipemux: merge() of timelines + prefix()', script: 'mergePipemux.js', params },
      ],
    };
  },
  summarize(samples, plan) {
    const { children, count } = plan.subjects[0].params;
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
          check: 'merge: pipemux / concurrently, lines/s',
          values: pairedRatios(samples.pipemux, samples.concurrently, linesPerSecond),
          target: '≥ 1.00×',
          passes: (r) => r >= 1,
          format: formatRatio,
        }),
        correctnessCheck({
          check: 'merge: pipemux lines torn or out of order (worst round)',
          ok: everySample(samples.pipemux, (sample) => sample.torn === 0 && sample.outOfOrder === 0 && sample.lines === children * count),
          measured: tornOrShuffled('pipemux'),
          target: '0, all delivered',
        }),
      ],
      notes: [`concurrently, same check (not a target, for comparison): ${tornOrShuffled('concurrently')} in its worst round.`],
    };
  },
};
