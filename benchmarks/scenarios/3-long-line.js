import { correctnessCheck, speedCheck } from '../lib/checks.js';
import { formatBytes, formatNumber } from '../lib/format.js';
import { everySample, pairedRatios, valuesBy } from '../lib/samples.js';
import { subjectTable } from '../lib/subjectTable.js';

const DEFAULT_MAX_LINE_LENGTH = 16 * 2 ** 20;

/** Scenario 3: one line with no newline; time must grow linearly and memory stay bounded by maxLineLength. */
export default {
  id: '3',
  title: 'one long line with no newline, line mode',
  plan({ quick }) {
    const small = quick ? 2 ** 20 : 64 * 2 ** 20;
    const large = 4 * small;
    // Quick sizes are below the default limit: a smaller one still exercises the partial pieces.
    const maxLineLength = quick ? 256 * 2 ** 10 : undefined;
    const rounds = quick ? 1 : 6;
    const splitTimeoutMs = quick ? 10_000 : 30_000;
    return {
      size: `${formatBytes(small)} and ${formatBytes(large)}`,
      rounds,
      maxLineLength: maxLineLength ?? DEFAULT_MAX_LINE_LENGTH,
      splitTimeoutMs,
      subjects: [
        { id: 'pipemuxSmall', label: `pipemux, ${formatBytes(small)} line`, script: 'longLinePipemux.js', params: { bytes: small, maxLineLength } },
        { id: 'pipemuxLarge', label: `pipemux, ${formatBytes(large)} line`, script: 'longLinePipemux.js', params: { bytes: large, maxLineLength } },
        // The same bytes in chunk mode: what streaming them costs in memory without assembling lines.
        {
          id: 'chunksLarge',
          label: `pipemux chunks, same ${formatBytes(large)} (memory reference)`,
          script: 'chunksPipemux.js',
          params: { bytes: large },
          rounds: Math.min(rounds, 3),
        },
        // split2 alone is quadratic here: one round each, the larger one capped.
        {
          id: 'split2Quarter',
          label: `raw spawn + split2, ${formatBytes(small / 4)} line`,
          script: 'longLineRawSplit2.js',
          params: { bytes: small / 4 },
          rounds: 1,
          timeoutMs: splitTimeoutMs,
        },
        {
          id: 'split2Small',
          label: `raw spawn + split2, ${formatBytes(small)} line`,
          script: 'longLineRawSplit2.js',
          params: { bytes: small },
          rounds: 1,
          timeoutMs: splitTimeoutMs,
        },
      ],
    };
  },
  summarize(samples, plan) {
    const [small, large] = plan.subjects.slice(0, 2).map((subject) => subject.params.bytes);
    const { maxLineLength } = plan;
    const rssLimitMB = (2 * maxLineLength) / 2 ** 20 + 100;
    const piecesRight = (bytes) => (sample) =>
      sample.characters === bytes && sample.pieces === Math.ceil(bytes / maxLineLength) && sample.partialPieces === sample.pieces - 1;
    return {
      table: subjectTable({
        subjects: plan.subjects,
        samples,
        rateHeader: 'MB/s',
        rate: (sample) => (sample.characters ?? sample.bytes) / 1e6 / (sample.wallMs / 1000),
      }),
      checks: [
        speedCheck({
          check: `long line: time ${formatBytes(large)} / time ${formatBytes(small)}`,
          values: pairedRatios(samples.pipemuxLarge, samples.pipemuxSmall, (sample) => sample.wallMs),
          target: '≤ 5 (linear: ~4)',
          passes: (g) => g <= 5,
          format: (g) => formatNumber(g, 2),
        }),
        speedCheck({
          check: `long line: peak RSS with a ${formatBytes(large)} line`,
          values: valuesBy(samples.pipemuxLarge, (sample) => sample.peakRssMB),
          target: `< 2 × ${formatBytes(maxLineLength)} + 100 MB = ${rssLimitMB} MB`,
          passes: (rss) => rss < rssLimitMB,
          format: (rss) => `${formatNumber(rss, 0)} MB`,
        }),
        correctnessCheck({
          check: 'long line: every byte delivered, in maxLineLength pieces marked partial',
          ok: everySample(samples.pipemuxSmall, piecesRight(small)) && everySample(samples.pipemuxLarge, piecesRight(large)),
          measured: `${Math.ceil(large / maxLineLength)} pieces of ≤ ${formatBytes(maxLineLength)}`,
          target: 'all',
        }),
      ],
      notes: ['RSS figures are MiB (the whole subject process, node itself included). The line is NUL bytes from /dev/zero: no newline anywhere.'],
    };
  },
};
