import { correctnessCheck, infoCheck, speedCheck } from '../lib/checks.js';
import { formatBytes, formatNumber, formatRatio } from '../lib/format.js';
import { everySample, medianBy, pairedRatios, valuesBy } from '../lib/samples.js';
import { SCRATCH_DIRS } from '../lib/leftovers.js';
import { subjectTable } from '../lib/subjectTable.js';

const megabytesPerSecond = (sample) => sample.bytes / 1e6 / (sample.wallMs / 1000);
// tmpfs when there is one, so that the figures measure pipemux and not the disk.
const TEE_DIR = SCRATCH_DIRS[0];
const SLOW_SINK_BYTES_PER_SECOND = 256e6;

/** Scenario 7: tee sinks: two file copies against raw spawn + pipe() to the same files, and bounded memory with a slow sink. */
export default {
  id: '7',
  title: 'tee: chunk mode with file sinks, and with a slow Writable',
  plan({ quick }) {
    const bytes = quick ? 16 * 2 ** 20 : 2 ** 30;
    const rounds = quick ? 1 : 6;
    const slow = { bytes, bytesPerSecond: SLOW_SINK_BYTES_PER_SECOND };
    return {
      size: formatBytes(bytes),
      rounds,
      subjects: [
        {
          id: 'rawTwoFiles',
          label: 'raw spawn, stdout.pipe() to 2 files (floor)',
          script: 'teeRaw.js',
          params: { bytes, sinks: 2, dir: TEE_DIR },
          note: `files in ${TEE_DIR}`,
        },
        {
          id: 'twoFiles',
          label: `pipemux chunks, tee to 2 files`,
          script: 'teePipemux.js',
          params: { bytes, sinks: 2, dir: TEE_DIR },
          note: `files in ${TEE_DIR}`,
        },
        { id: 'noSinks', label: 'pipemux chunks, no sinks', script: 'chunksPipemux.js', params: { bytes }, note: 'the same bytes, no copies' },
        // The slow sink takes ~4 s a round, and its figure is memory, which varies little.
        {
          id: 'slowRaw',
          label: 'raw spawn, stdout.pipe(slow Writable)',
          script: 'slowSinkRaw.js',
          params: slow,
          rounds: Math.min(rounds, 3),
          compared: false,
          note: `${SLOW_SINK_BYTES_PER_SECOND / 1e6} MB/s sink`,
        },
        {
          id: 'slowPipemux',
          label: 'pipemux chunks, tee to slow Writable',
          script: 'slowSinkPipemux.js',
          params: slow,
          rounds: Math.min(rounds, 3),
          compared: false,
          note: `${SLOW_SINK_BYTES_PER_SECOND / 1e6} MB/s sink`,
        },
      ],
    };
  },
  summarize(samples, plan) {
    const { bytes } = plan.subjects[0].params;
    return {
      table: subjectTable({ subjects: plan.subjects, samples, rateHeader: 'MB/s', rate: megabytesPerSecond, referenceId: 'rawTwoFiles' }),
      checks: [
        speedCheck({
          check: 'tee: pipemux 2 files / raw spawn + pipe() to the same 2 files (floor)',
          values: pairedRatios(samples.twoFiles, samples.rawTwoFiles, megabytesPerSecond),
          target: '≥ 0.90×',
          passes: (r) => r >= 0.9,
          format: formatRatio,
        }),
        infoCheck({
          check: 'tee: CPU time, pipemux 2 files / raw floor',
          values: pairedRatios(samples.twoFiles, samples.rawTwoFiles, (sample) => sample.cpuS),
          format: formatRatio,
        }),
        infoCheck({
          check: "tee: the kernel's share of the CPU time (system / user + system), pipemux 2 files / raw floor",
          value: [samples.twoFiles, samples.rawTwoFiles].map((own) => medianBy(own, (sample) => sample.systemCpuS / sample.cpuS)),
          format: (shares) => shares.map((share) => `${formatNumber(share * 100, 0)} %`).join(' / '),
        }),
        infoCheck({
          check: 'tee: 2 file sinks / no sinks, throughput',
          values: pairedRatios(samples.twoFiles, samples.noSinks, megabytesPerSecond),
          format: formatRatio,
        }),
        speedCheck({
          check: 'tee: peak RSS with a slow Writable',
          values: valuesBy(samples.slowPipemux, (sample) => sample.peakRssMB),
          target: '< 150 MB',
          passes: (rss) => rss < 150,
          format: (rss) => `${formatNumber(rss, 0)} MB`,
        }),
        correctnessCheck({
          check: 'tee: every byte in every sink and on the timeline',
          ok:
            [samples.twoFiles, samples.rawTwoFiles].every((own) =>
              everySample(own, (sample) => sample.bytes === bytes && sample.fileSizes.every((size) => size === bytes)),
            ) && everySample(samples.slowPipemux, (sample) => sample.bytes === bytes && sample.sinkBytes === bytes),
          measured: `${formatBytes(bytes)} each`,
          target: 'all',
        }),
      ],
      notes: ['RSS figures are MiB, the whole subject process. The raw pipe() row is the memory floor for the same slow sink.'],
    };
  },
};
