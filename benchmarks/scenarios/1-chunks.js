import { correctnessCheck, speedCheck } from '../lib/checks.js';
import { formatBytes, formatRatio } from '../lib/format.js';
import { everySample, pairedRatio } from '../lib/samples.js';
import { subjectTable } from '../lib/subjectTable.js';

const megabytesPerSecond = (sample) => sample.bytes / 1e6 / (sample.wallMs / 1000);

/** Scenario 1: raw chunk throughput, pipemux against the spawn + 'data' floor. */
export default {
  id: '1',
  title: 'chunk mode: bytes from `head -c` of /dev/zero',
  plan({ quick }) {
    const bytes = quick ? 16 * 2 ** 20 : 2 ** 30;
    const params = { bytes };
    return {
      size: formatBytes(bytes),
      rounds: quick ? 1 : 7,
      subjects: [
        { id: 'raw', label: 'raw spawn + data (floor)', script: 'chunksRaw.js', params },
        { id: 'pipemux', label: 'pipemux chunks', script: 'chunksPipemux.js', params },
        { id: 'cat', label: 'sh: head | cat > /dev/null (OS limit)', script: 'chunksShellCat.js', params, note: 'bytes never enter node' },
        { id: 'spawnRx', label: 'spawn-rx spawn({ split: true })', script: 'chunksSpawnRx.js', params, note: 'decodes every chunk to a string' },
        { id: 'rxjsShell', label: 'rxjs-shell spawn()', script: 'chunksRxjsShell.js', params, note: 'keeps every chunk in memory' },
      ],
    };
  },
  summarize(samples, plan) {
    const expected = plan.subjects[0].params.bytes;
    const ratio = pairedRatio(samples.pipemux, samples.raw, megabytesPerSecond);
    return {
      table: subjectTable({ subjects: plan.subjects, samples, rateHeader: 'MB/s', rate: megabytesPerSecond, referenceId: 'raw' }),
      checks: [
        speedCheck({ check: 'chunks: pipemux / raw floor, throughput', value: ratio, target: '≥ 0.90×', passes: (r) => r >= 0.9, format: formatRatio }),
        correctnessCheck({
          check: 'chunks: every byte delivered (all subjects)',
          ok: plan.subjects.every(({ id }) => everySample(samples[id], (sample) => sample.bytes === expected)),
          measured: `${formatBytes(expected)} each`,
          target: 'all',
        }),
      ],
    };
  },
};
