import { spawnSync } from 'node:child_process';
import { correctnessCheck, infoCheck, skippedCheck, speedCheck } from '../lib/checks.js';
import { formatNumber, formatRatio, formatWithRange } from '../lib/format.js';
import { everySample, medianOf, pairedRatios, problemOf, rangeBy, valuesBy } from '../lib/samples.js';
import { median, range } from '../lib/stats.js';

const PYTHON = '/usr/bin/python3';
const micros = (value) => `${formatNumber(value, 1)} µs`;
// The session's default maxBuffer (1 Mi characters): the stderr text fills it.
const STDERR_FILL = 2 ** 20;

/** Debian's python3-pexpect, which the peer subject needs. */
function hasPexpect() {
  return spawnSync(PYTHON, ['-c', 'import pexpect.popen_spawn'], { stdio: 'ignore' }).status === 0;
}

/** Scenario 9 (issue 14): sendLine / expect round trips through `cat`, pipemux's interact() against pexpect's PopenSpawn. */
export default {
  id: '10',
  title: 'expect: sendLine(i) then expect(`${i}\\n`) through `cat`, one at a time',
  plan({ quick }) {
    const measured = quick ? 1_000 : 10_000;
    // Trips before the measured ones, not counted: the JIT tiers node's code up during the first ~2,000.
    const warmUp = measured / 10;
    const params = { count: warmUp + measured, warmUp };
    const pexpect = hasPexpect();
    return {
      size: `${measured.toLocaleString('en-US')} sequential round trips, after ${warmUp.toLocaleString('en-US')} not counted`,
      rounds: quick ? 1 : 6,
      pexpect,
      subjects: [
        { id: 'raw', label: 'raw spawn + split2, stdin pipe (floor, as scenario 5)', script: 'roundTripRaw.js', params: { ...params, via: 'pipe' } },
        { id: 'pipemux', label: "pipemux interact(): sendLine + expect('…\\n')", script: 'expectPipemux.js', params },
        {
          id: 'pipemuxStderr',
          label: `the same, expect on stdout only, ${STDERR_FILL / 2 ** 20} MiB of unmatched stderr in the buffer`,
          script: 'expectPipemux.js',
          params: { ...params, stderrFill: STDERR_FILL },
        },
        ...(pexpect
          ? [{ id: 'pexpect', label: 'pexpect PopenSpawn: sendline + expect_exact (python3)', script: 'expectPexpect.py', params, interpreter: PYTHON }]
          : []),
      ],
    };
  },
  summarize(samples, plan) {
    const { count } = plan.subjects[0].params;
    const rateRatios = pairedRatios(samples.pipemux, samples.pexpect ?? [], (sample) => sample.ratePerS);
    const withRange = (id, field, digits) =>
      formatWithRange(
        medianOf(samples[id], field),
        rangeBy(samples[id], (sample) => sample[field]),
        (value) => formatNumber(value, digits),
      );
    const rows = plan.subjects.map(({ id, label }) => {
      const problem = problemOf(samples[id]);
      if (problem) return [label, problem, '—', '—', '—', '—', '—'];
      const rate = id === 'raw' ? '—' : withRange(id, 'ratePerS', 0);
      const ratio = id === 'pipemux' && plan.pexpect ? formatWithRange(median(rateRatios), range(rateRatios), formatRatio) : '—';
      return [
        label,
        rate,
        withRange(id, 'p50Us', 1),
        withRange(id, 'p99Us', 1),
        formatNumber(medianOf(samples[id], 'maxUs'), 0),
        formatNumber(medianOf(samples[id], 'cpuS'), 2),
        ratio,
      ];
    });
    const missing = 'python3-pexpect not installed: apt-get install python3-pexpect';
    const matchedAll = (id) => everySample(samples[id], (sample) => sample.trips === count && sample.wrong === 0);
    return {
      table: { headers: ['subject', 'round trips/s (min–max)', 'p50 µs (min–max)', 'p99 µs (min–max)', 'max µs', 'CPU s', 'rate vs pexpect'], rows },
      checks: [
        plan.pexpect
          ? speedCheck({
              check: 'expect: pipemux round trips/s / pexpect PopenSpawn',
              values: rateRatios,
              target: '≥ 10×',
              passes: (r) => r >= 10,
              format: formatRatio,
            })
          : skippedCheck({ check: 'expect: pipemux round trips/s / pexpect PopenSpawn', target: '≥ 10×', reason: missing }),
        speedCheck({
          check: 'expect: pipemux p99',
          values: valuesBy(samples.pipemux, (sample) => sample.p99Us),
          target: '≤ 200 µs',
          passes: (p) => p <= 200,
          format: micros,
        }),
        speedCheck({
          check: 'expect: on stdout with a full buffer of unmatched stderr / with none, round trips/s',
          values: pairedRatios(samples.pipemuxStderr, samples.pipemux, (sample) => sample.ratePerS),
          target: '≥ 0.80×',
          passes: (r) => r >= 0.8,
          format: formatRatio,
        }),
        infoCheck({
          check: 'expect: pipemux p50 / raw stdin round trip p50',
          values: pairedRatios(samples.pipemux, samples.raw, (sample) => sample.p50Us),
          format: formatRatio,
        }),
        correctnessCheck({
          check: 'expect: every trip matched, in order, nothing skipped',
          ok: matchedAll('pipemux') && matchedAll('pipemuxStderr') && (!plan.pexpect || matchedAll('pexpect')) && matchedAll('raw'),
          measured: `${count.toLocaleString('en-US')} each`,
          target: 'all',
        }),
      ],
      notes: [
        'Rates count the measured trips over the time they took; percentiles are per round, then the median over rounds. ' +
          'Every subject makes the same warm-up trips first (a node process runs its first ~2,000 trips slower while the JIT compiles; python has no JIT). ' +
          "Both sides wait for each echo before sending the next line and match an exact string (pexpect's expect_exact; pexpect's expect() would compile a regular expression). " +
          'pexpect reads the pipe in a thread and polls its queue, sleeping 0.1 ms between reads (delayafterread), which bounds its rate.' +
          (plan.pexpect ? '' : ` pexpect was not measured: ${missing}.`),
      ],
    };
  },
};
