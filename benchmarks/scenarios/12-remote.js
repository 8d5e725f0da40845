import { correctnessCheck, skippedCheck, speedCheck } from '../lib/checks.js';
import { formatBytes, formatNumber, formatRatio } from '../lib/format.js';
import { everySample, medianOf, pairedRatio } from '../lib/samples.js';
import { subjectTable } from '../lib/subjectTable.js';

const commandsPerSecond = (sample) => sample.commands / (sample.wallMs / 1000);
const megabytesPerSecond = (sample) => sample.bytes / 1e6 / (sample.wallMs / 1000);
const skippedIn = (samples) => samples.find((sample) => sample.skipped !== undefined)?.skipped;

/**
 * Scenario 12: remote children over OpenSSH, against a real sshd on loopback started by each
 * subject (test/remote/support/sshd.mjs). Short commands one after the other: pipemux's shared
 * connection against a plain ssh per command; bulk output: pipemux in chunk mode against ssh read raw.
 */
export default {
  id: '12',
  title: 'remote: short commands over a shared connection, bulk output through ssh',
  plan({ quick }) {
    const commands = { count: quick ? 10 : 100 };
    const bulk = { bytes: quick ? 16 * 2 ** 20 : 2 ** 30 };
    return {
      size: `${commands.count} commands; ${formatBytes(bulk.bytes)}`,
      rounds: quick ? 1 : 5,
      subjects: [
        { id: 'sshEach', label: 'plain ssh host cmd, one after the other', script: 'remoteCommandsSsh.js', params: commands, note: 'a new connection each' },
        {
          id: 'pipemux',
          label: 'pipemux remote, one after the other',
          script: 'remoteCommandsPipemux.js',
          params: commands,
          note: 'one shared connection (ControlMaster)',
        },
        { id: 'sshBulk', label: 'ssh host head -c, read raw', script: 'remoteBulkSsh.js', params: bulk, note: 'spawn + data' },
        {
          id: 'pipemuxBulk',
          label: 'pipemux remote, chunk mode',
          script: 'remoteBulkPipemux.js',
          params: bulk,
          note: 'its wrapper and record filter included',
        },
        {
          id: 'pipemuxSsh',
          label: 'pipemux running ssh host head -c itself, chunk mode',
          script: 'remoteBulkPipemuxSsh.js',
          params: bulk,
          note: 'no remote option: the core alone',
        },
      ],
    };
  },
  summarize(samples, plan) {
    const { count } = plan.subjects[0].params;
    const { bytes } = plan.subjects[2].params;
    const skipped = skippedIn(Object.values(samples).flat());
    if (skipped !== undefined) {
      return {
        table: { headers: ['subject', 'result'], rows: plan.subjects.map(({ label }) => [label, `skipped: ${skipped}`]) },
        checks: [skippedCheck({ check: 'remote: all checks', target: 'sshd on loopback', reason: skipped })],
      };
    }
    const commandsTable = subjectTable({
      subjects: plan.subjects.slice(0, 2),
      samples,
      rateHeader: 'commands/s',
      rate: commandsPerSecond,
      referenceId: 'sshEach',
    });
    const bulkTable = subjectTable({ subjects: plan.subjects.slice(2), samples, rateHeader: 'MB/s', rate: megabytesPerSecond, referenceId: 'sshBulk' });
    return {
      table: commandsTable,
      extraTables: [bulkTable],
      notes: [
        'Each subject starts its own sshd (outside the measured time); the commands subjects include their first connection. ' +
          'The test server sets SHLVL=1 for its sessions, so that Debian bash skips ~/.bashrc (200 ms a command on the benchmark machine, for every subject alike).',
      ],
      checks: [
        speedCheck({
          check: `remote: ${count} commands, pipemux / plain ssh each, commands/s`,
          value: pairedRatio(samples.pipemux, samples.sshEach, commandsPerSecond),
          target: '≥ 5×',
          passes: (r) => r >= 5,
          format: formatRatio,
        }),
        speedCheck({
          check: 'remote: bulk, pipemux chunks / ssh read raw, MB/s',
          value: pairedRatio(samples.pipemuxBulk, samples.sshBulk, megabytesPerSecond),
          target: '≥ 0.90×',
          passes: (r) => r >= 0.9,
          format: formatRatio,
        }),
        correctnessCheck({
          check: 'remote: every command ran and gave its line (both subjects)',
          ok: ['sshEach', 'pipemux'].every((id) => everySample(samples[id], (sample) => sample.right === count)),
          measured: `${count} of ${count}`,
          target: 'all',
        }),
        // What the remote layer costs on top of pipemux's core (not a target).
        {
          kind: 'info',
          check: 'remote: bulk, pipemux remote / pipemux running ssh itself, MB/s',
          measured: formatRatio(pairedRatio(samples.pipemuxBulk, samples.pipemuxSsh, megabytesPerSecond)),
          target: 'reported',
          verdict: '—',
        },
        correctnessCheck({
          check: 'remote: every byte delivered (the bulk subjects)',
          ok: ['sshBulk', 'pipemuxBulk', 'pipemuxSsh'].every((id) => everySample(samples[id], (sample) => sample.bytes === bytes)),
          measured: `${formatBytes(bytes)} each`,
          target: 'all',
        }),
        {
          kind: 'info',
          check: 'remote: pipemux, one command',
          measured: `${formatNumber(medianOf(samples.pipemux, 'wallMs') / count, 1)} ms (plain ssh: ${formatNumber(medianOf(samples.sshEach, 'wallMs') / count, 1)} ms)`,
          target: 'reported',
          verdict: '—',
        },
      ],
    };
  },
};
