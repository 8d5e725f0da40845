import { correctnessCheck, speedCheck } from '../lib/checks.js';
import { formatBytes, formatNumber, formatRatio } from '../lib/format.js';
import { everySample, medianOf, pairedRatios } from '../lib/samples.js';
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
      rounds: quick ? 1 : 6,
      subjects: [
        {
          id: 'raw',
          label: 'raw spawn + data (floor)',
          script: 'chunksRaw.js',
          params: { ...params, sameModules: true },
          note: "pipemux's modules loaded, unused",
        },
        { id: 'pipemux', label: 'pipemux chunks', script: 'chunksPipemux.js', params },
        { id: 'rawBare', label: 'raw spawn + data, bare node', script: 'chunksRaw.js', params, note: 'nothing else loaded' },
        { id: 'cat', label: 'sh: head | cat > /dev/null (OS limit)', script: 'chunksShellCat.js', params, note: 'bytes never enter node' },
        { id: 'spawnRx', label: 'spawn-rx spawn({ split: true })', script: 'chunksSpawnRx.js', params, note: 'decodes every chunk to a string' },
        { id: 'rxjsShell', label: 'rxjs-shell spawn()', script: 'chunksRxjsShell.js', params, note: 'keeps every chunk in memory' },
      ],
    };
  },
  summarize(samples, plan) {
    const expected = plan.subjects[0].params.bytes;
    return {
      table: subjectTable({ subjects: plan.subjects, samples, rateHeader: 'MB/s', rate: megabytesPerSecond, referenceId: 'raw' }),
      notes: [
        'The floor loads the same modules as the pipemux subject (and does not use them): how often glibc returns the freed 64 KiB ' +
          'read buffers to the kernel and faults them in again depends on what else the heap holds, and costs any reader in that process, ' +
          'raw or not (minor faults in the checks above). The bare-node row shows the floor without that effect.',
      ],
      checks: [
        speedCheck({
          check: 'chunks: pipemux / raw floor, throughput',
          values: pairedRatios(samples.pipemux, samples.raw, megabytesPerSecond),
          target: '≥ 0.90×',
          passes: (r) => r >= 0.9,
          format: formatRatio,
        }),
        speedCheck({
          check: 'chunks: pipemux / raw floor in a bare node process',
          values: pairedRatios(samples.pipemux, samples.rawBare, megabytesPerSecond),
          target: '≥ 0.90×',
          passes: (r) => r >= 0.9,
          format: formatRatio,
        }),
        {
          kind: 'info',
          check: 'chunks: minor page faults, pipemux / floor / bare floor',
          measured: ['pipemux', 'raw', 'rawBare'].map((id) => `${formatNumber(medianOf(samples[id], 'minorFaults') / 1000, 0)}k`).join(' / '),
          target: 'reported',
          verdict: '—',
        },
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
