import { removeLeftovers } from './leftovers.js';
import { runSubject } from './runSubject.js';
import { balancedOrder } from './subjectOrder.js';

// A pause after each subject, so that what its process left to the kernel (freed tmpfs pages, exited
// children, closed files) is done before the next one starts, whoever runs next.
const SETTLE_MS = 250;

/**
 * Runs a scenario's subjects for `rounds` rounds, each in a fresh process, in an order that
 * changes from round to round (a balanced Latin square, `subjectOrder.js`): over a full cycle each
 * subject runs first, and after each other subject, equally often, so that neither the machine's
 * drifting load nor what the previous subject left behind favours one of them. A subject with its
 * own smaller `rounds` (a slow peer, a quadratic baseline) runs in the first rounds only, after the
 * others (rotated among its kind), so it never disturbs the balance of the subjects compared.
 * Between subjects, leftover temp files are removed and the machine gets a moment to settle.
 * Returns each subject's samples by id; each sample records its round and place in the order.
 */
export async function runRounds(subjects, rounds, log) {
  const samples = Object.fromEntries(subjects.map((subject) => [subject.id, []]));
  const everyRound = subjects.filter((subject) => (subject.rounds ?? rounds) >= rounds);
  const fewerRounds = subjects.filter((subject) => (subject.rounds ?? rounds) < rounds);
  for (let round = 0; round < rounds; round++) {
    const peers = fewerRounds.filter((subject) => round < subject.rounds);
    const order = [...inOrder(everyRound, round), ...inOrder(peers, round)];
    for (const [place, subject] of order.entries()) {
      const sample = { ...(await runSubject(subject.script, subject.params, subject)), round, place };
      samples[subject.id].push(sample);
      log(`  round ${round + 1}/${rounds} #${place + 1} ${subject.id}: ${describeSample(sample)}`);
      await removeLeftovers(sample.pid);
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    }
  }
  return samples;
}

const inOrder = (subjects, round) => balancedOrder(subjects.length, round).map((index) => subjects[index]);

function describeSample(sample) {
  if (sample.timedOut) return `timed out after ${sample.timeoutMs / 1000} s`;
  if (sample.failed) return `FAILED ${sample.error}`;
  return `${sample.wallMs.toFixed(0)} ms, cpu ${sample.cpuS.toFixed(2)} s, rss ${sample.peakRssMB.toFixed(0)} MB`;
}
