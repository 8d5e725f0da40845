import { runSubject } from './runSubject.js';

/**
 * Runs a scenario's subjects alternately, A, B, C, A, B, C, … for `rounds` rounds, so that a
 * change in the machine's load hits every subject alike. A subject with its own smaller `rounds`
 * (a slow quadratic baseline) drops out after that many. Returns each subject's samples by id.
 */
export async function runRounds(subjects, rounds, log) {
  const samples = Object.fromEntries(subjects.map((subject) => [subject.id, []]));
  for (let round = 0; round < rounds; round++) {
    for (const subject of subjects) {
      if (round >= (subject.rounds ?? rounds)) continue;
      const sample = await runSubject(subject.script, subject.params, subject);
      samples[subject.id].push(sample);
      log(`  round ${round + 1}/${rounds} ${subject.id}: ${describeSample(sample)}`);
    }
  }
  return samples;
}

function describeSample(sample) {
  if (sample.timedOut) return `timed out after ${sample.timeoutMs / 1000} s`;
  if (sample.failed) return `FAILED ${sample.error}`;
  return `${sample.wallMs.toFixed(0)} ms, cpu ${sample.cpuS.toFixed(2)} s, rss ${sample.peakRssMB.toFixed(0)} MB`;
}
