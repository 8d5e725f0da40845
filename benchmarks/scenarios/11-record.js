import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { correctnessCheck, speedCheck } from '../lib/checks.js';
import { formatBytes, formatLineRate, formatRatio } from '../lib/format.js';
import { everySample, medianOf, pairedRatio } from '../lib/samples.js';
import { subjectTable } from '../lib/subjectTable.js';

const wallSeconds = (sample) => sample.wallMs / 1000;
const linesPerSecond = (sample) => sample.lines / (sample.wallMs / 1000);
// tmpfs when there is one, so that the figures measure the recorder and not the disk.
const RECORD_DIR = existsSync('/dev/shm') ? '/dev/shm' : fileURLToPath(new URL('../.out/', import.meta.url));

/** Scenario 9: the cost of record() on a flood of lines (issue 16: ≤ 1.3× the same run without it). */
export default {
  id: '11',
  title: 'record: line mode with an asciicast recording',
  plan({ quick }) {
    const count = quick ? 50_000 : 5_000_000;
    const rounds = quick ? 1 : 7;
    return {
      size: `${count.toLocaleString('en-US')} lines`,
      rounds,
      subjects: [
        { id: 'plain', label: 'pipemux lines, no recording', script: 'linesPipemux.js', params: { count } },
        {
          id: 'v3',
          label: 'pipemux lines + record() v3',
          script: 'recordPipemux.js',
          params: { count, format: 'v3', dir: RECORD_DIR },
          note: `file in ${RECORD_DIR}`,
        },
        {
          id: 'v2',
          label: 'pipemux lines + record() v2',
          script: 'recordPipemux.js',
          params: { count, format: 'v2', dir: RECORD_DIR },
          note: `file in ${RECORD_DIR}`,
        },
        {
          id: 'cli',
          label: 'pipemux command (runCli), output to /dev/null',
          script: 'recordCli.js',
          params: { count, dir: RECORD_DIR },
          note: 'in-process, so CPU counts',
        },
        {
          id: 'cliRecord',
          label: 'pipemux command with --record',
          script: 'recordCli.js',
          params: { count, record: true, dir: RECORD_DIR },
          note: `file in ${RECORD_DIR}`,
        },
      ],
    };
  },
  summarize(samples, plan) {
    const { count } = plan.subjects[0].params;
    return {
      table: subjectTable({ subjects: plan.subjects, samples, rateHeader: 'lines/s', rate: linesPerSecond, formatRate: formatLineRate, referenceId: 'plain' }),
      checks: [
        speedCheck({
          check: 'record: wall time with record() v3 / without',
          value: pairedRatio(samples.v3, samples.plain, wallSeconds),
          target: '≤ 1.30×',
          passes: (r) => r <= 1.3,
          format: formatRatio,
        }),
        speedCheck({
          check: 'record: wall time with record() v2 / without',
          value: pairedRatio(samples.v2, samples.plain, wallSeconds),
          target: '≤ 1.30×',
          passes: (r) => r <= 1.3,
          format: formatRatio,
        }),
        speedCheck({
          check: 'record: the command, wall time with --record / without',
          value: pairedRatio(samples.cliRecord, samples.cli, wallSeconds),
          target: '≤ 1.30×',
          passes: (r) => r <= 1.3,
          format: formatRatio,
        }),
        correctnessCheck({
          check: 'record: every line delivered; the recording ends with the last line and the exit status',
          ok:
            everySample(samples.plain, (sample) => sample.lines === count) &&
            [samples.cli, samples.cliRecord].every((own) => everySample(own, (sample) => sample.status === 0)) &&
            [samples.v3, samples.v2].every((own) =>
              everySample(own, (sample) => sample.lines === count && sample.last === String(count) && sample.recordingEndsRight),
            ),
          measured: `${count.toLocaleString('en-US')} lines, v3 file ${formatBytes(medianOf(samples.v3, 'recordingBytes'))}`,
          target: 'all',
        }),
      ],
    };
  },
};
