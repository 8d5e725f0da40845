import { median, range } from './stats.js';

/** What the scenarios compute from the samples of their subjects (one sample per round). */

/** Samples that completed (not timed out, not failed). */
export const completed = (samples) => samples.filter((sample) => !sample.timedOut && !sample.failed);

/** Median of one numeric field over the completed samples. */
export const medianOf = (samples, field) => median(completed(samples).map((sample) => sample[field]));

/** Median over the completed samples of `measure(sample)`. */
export const medianBy = (samples, measure) => median(completed(samples).map(measure));

/** `measure(sample)` of every completed sample, one value a round. */
export const valuesBy = (samples, measure) => completed(samples).map(measure);

/** [min, max] over the completed samples of `measure(sample)`: the spread shown beside a median. */
export const rangeBy = (samples, measure) => range(valuesBy(samples, measure));

/**
 * The median over rounds of measure(A in round i) / measure(B in round i). Pairing the samples
 * that ran next to each other cancels most of the drift in the machine's load between rounds.
 */
export const pairedRatio = (samplesA, samplesB, measure) => pairedMedian(samplesA, samplesB, (a, b) => measure(a) / measure(b));

/** The median over rounds of compare(A in round i, B in round i), skipping rounds where either did not complete. */
export const pairedMedian = (samplesA, samplesB, compare) => median(pairedValues(samplesA, samplesB, compare));

/** measure(A in round i) / measure(B in round i), one value a round in which both completed. */
export const pairedRatios = (samplesA, samplesB, measure) => pairedValues(samplesA, samplesB, (a, b) => measure(a) / measure(b));

/** compare(A in round i, B in round i), one value a round in which both completed. */
export function pairedValues(samplesA, samplesB, compare) {
  const roundOf = (sample, index) => sample.round ?? index;
  const byRound = new Map(completed(samplesB).map((sample) => [roundOf(sample, samplesB.indexOf(sample)), sample]));
  const values = [];
  samplesA.forEach((a, index) => {
    const b = byRound.get(roundOf(a, index));
    if (b !== undefined && !a.timedOut && !a.failed) values.push(compare(a, b));
  });
  return values;
}

/** Why a subject has no figures: it failed, timed out, or never ran. */
export function problemOf(samples) {
  const failed = samples.find((sample) => sample.failed);
  if (failed) return failed.error;
  if (samples.length > 0 && samples.every((sample) => sample.timedOut)) return `> ${samples[0].timeoutMs / 1000} s (killed)`;
  if (samples.length === 0) return 'did not run';
  return undefined;
}

/** True when every sample completed and `isRight` holds for each (a correctness check). */
export const everySample = (samples, isRight) => samples.length > 0 && samples.every((sample) => !sample.timedOut && !sample.failed && isRight(sample));
