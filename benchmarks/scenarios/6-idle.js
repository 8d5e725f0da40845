import { correctnessCheck, infoCheck, speedCheck } from '../lib/checks.js';
import { formatNumber, formatWithRange } from '../lib/format.js';
import { everySample, medianOf, pairedValues, problemOf, rangeBy } from '../lib/samples.js';

const milliseconds = (seconds) => formatNumber(seconds * 1000, 1);
const seconds = (value) => `${formatNumber(value, 3)} s`;

/** Scenario 6: a child that only sleeps must cost the parent (almost) no CPU time. */
export default {
  id: '6',
  title: 'idle: a child that sleeps, run twice in one process',
  plan({ quick }) {
    const params = { seconds: quick ? 0.2 : 2 };
    return {
      size: `sleep ${params.seconds} s`,
      // More rounds than most: its figure moves with every hiccup of a shared machine.
      rounds: quick ? 1 : 10,
      subjects: [
        { id: 'raw', label: 'raw spawn (floor)', script: 'idleRaw.js', params },
        { id: 'pipemux', label: 'pipemux', script: 'idlePipemux.js', params },
      ],
    };
  },
  summarize(samples, plan) {
    const extraCpu = (field) => pairedValues(samples.pipemux, samples.raw, (a, b) => a[field] - b[field]);
    const cpuMs = (id, field) =>
      formatWithRange(
        medianOf(samples[id], field),
        rangeBy(samples[id], (sample) => sample[field]),
        milliseconds,
      );
    const rows = plan.subjects.map(({ id, label }) => {
      const problem = problemOf(samples[id]);
      if (problem) return [label, problem, '—', '—', '—'];
      return [label, cpuMs(id, 'firstCpuS'), cpuMs(id, 'waitCpuS'), cpuMs(id, 'secondCpuS'), formatNumber(medianOf(samples[id], 'peakRssMB'), 0)];
    });
    return {
      table: { headers: ['subject', 'first run: CPU ms (min–max)', 'of it, spawn to exit ms', 'second run: CPU ms', 'peak RSS MB'], rows },
      checks: [
        speedCheck({
          check: 'idle: parent CPU time of a first run, pipemux − raw floor',
          values: extraCpu('firstCpuS'),
          target: '≤ 0.01 s',
          passes: (d) => d <= 0.01,
          format: seconds,
        }),
        infoCheck({ check: 'idle: the same for a second run in the same process', values: extraCpu('secondCpuS'), format: seconds }),
        correctnessCheck({
          check: 'idle: child exited 0 (all subjects)',
          ok: plan.subjects.every(({ id }) => everySample(samples[id], (sample) => sample.code === 0)),
          measured: 'exit 0',
          target: 'all',
        }),
      ],
      notes: [
        'CPU is user + system time of the subject process (process.cpuUsage) from the call to the end of the run. ' +
          'A first run includes the one-time costs of a process\'s first spawn (lazy compilation of the spawning code); "spawn to exit" is the part spent while the child slept.',
      ],
    };
  },
};
