/**
 * A check is one line of the summary table. Speed checks are judged only in a full run (quick
 * sizes say nothing about speed); correctness checks are judged always.
 */

export function speedCheck({ check, value, target, passes, format }) {
  const verdict = Number.isFinite(value) ? (passes(value) ? 'pass' : 'miss') : 'no data';
  return { kind: 'speed', check, measured: format(value), target, verdict };
}

export function correctnessCheck({ check, ok, measured, target }) {
  return { kind: 'correctness', check, measured, target, verdict: ok ? 'pass' : 'FAIL' };
}

export function skippedCheck({ check, target, reason }) {
  return { kind: 'speed', check, measured: reason, target, verdict: 'skip' };
}
