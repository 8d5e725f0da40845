import { correctnessCheck, speedCheck } from '../lib/checks.js';
import { formatNumber } from '../lib/format.js';
import { everySample, medianOf, pairedMedian } from '../lib/samples.js';
import { subjectTable } from '../lib/subjectTable.js';

/** Scenario 6: a child that only sleeps must cost the parent (almost) no CPU time. */
export default {
  id: '6',
  title: 'idle: a child that sleeps',
  plan({ quick }) {
    const params = { seconds: quick ? 0.2 : 2 };
    return {
      size: `sleep ${params.seconds} s`,
      rounds: quick ? 1 : 7,
      subjects: [
        { id: 'raw', label: 'raw spawn (floor)', script: 'idleRaw.js', params },
        { id: 'pipemux', label: 'pipemux', script: 'idlePipemux.js', params },
      ],
    };
  },
  summarize(samples, plan) {
    const extraCpu = pairedMedian(samples.pipemux, samples.raw, (a, b) => a.cpuS - b.cpuS);
    return {
      table: subjectTable({ subjects: plan.subjects, samples, rateHeader: 'parent CPU ms', rate: (sample) => sample.cpuS * 1000 }),
      checks: [
        speedCheck({ check: 'idle: parent CPU time, pipemux − raw floor', value: extraCpu, target: '≤ 0.02 s', passes: (d) => d <= 0.02, format: (d) => `${formatNumber(d, 3)} s` }),
        {
          kind: 'info',
          check: 'idle: parent CPU while the child sleeps (spawn to exit), pipemux / raw',
          measured: `${formatNumber(medianOf(samples.pipemux, 'waitCpuS') * 1000, 1)} ms / ${formatNumber(medianOf(samples.raw, 'waitCpuS') * 1000, 1)} ms`,
          target: 'reported',
          verdict: '—',
        },
        correctnessCheck({
          check: 'idle: child exited 0 (all subjects)',
          ok: plan.subjects.every(({ id }) => everySample(samples[id], (sample) => sample.code === 0)),
          measured: 'exit 0',
          target: 'all',
        }),
      ],
      notes: ['Parent CPU is user + system time of the subject process (process.cpuUsage) from the call to the end of the run; start-up and imports excluded, the first spawn\'s one-time costs included.'],
    };
  },
};
