import { formatWithRange } from './format.js';
import { median, range } from './stats.js';

/**
 * A check is one line of the summary table. Speed checks are judged only in a full run (quick
 * sizes say nothing about speed); correctness checks are judged always. A speed check given the
 * per-round `values` judges their median and shows their range beside it.
 */
export function speedCheck({ check, value, values, target, passes, format }) {
  const judged = values === undefined ? value : median(values);
  const verdict = Number.isFinite(judged) ? (passes(judged) ? 'pass' : 'miss') : 'no data';
  const measured = values === undefined ? format(judged) : formatWithRange(judged, range(values), format);
  return { kind: 'speed', check, measured, target, verdict };
}

/** A figure that is reported, not judged; with per-round `values`, their median and range. */
export function infoCheck({ check, value, values, format = String }) {
  const measured = values === undefined ? format(value) : formatWithRange(median(values), range(values), format);
  return { kind: 'info', check, measured, target: 'reported', verdict: '—' };
}

export function correctnessCheck({ check, ok, measured, target }) {
  return { kind: 'correctness', check, measured, target, verdict: ok ? 'pass' : 'FAIL' };
}

export function skippedCheck({ check, target, reason }) {
  return { kind: 'speed', check, measured: reason, target, verdict: 'skip' };
}
