import { CanceledError } from '../../errors.js';
import type { ChildSummary, SummaryEvent } from '../../many/types.js';
import { statusOfError, statusOfSignal } from '../exitStatus.js';

/** Status when the rule failed but no child decided it (the named commands were all stopped). */
const NO_DECIDING_CHILD_STATUS = 1;

/**
 * The exit status of `pipemux --many`: 0 when the success rule holds; otherwise the status of the
 * command that made it fail (its code, 128+n for signal n, 127 not found, 126 not executable).
 */
export function statusOfSummary(summary: SummaryEvent): number {
  if (summary.success) return 0;
  const culprit = decidingChild(summary);
  if (culprit === undefined) return NO_DECIDING_CHILD_STATUS;
  if (culprit.error !== undefined) return statusOfError(culprit.error);
  return culprit.code ?? statusOfSignal(culprit.signal);
}

/**
 * The child whose result made the run fail. A remote command still connecting when a signal to
 * pipemux stopped the run (`--hosts`: a CanceledError, it never ran) ends first but does not
 * decide: the status is that of the first command the signal ended (128+n for the kill signal, as
 * when every host was running), not 125, which stays for ssh's own failures.
 */
function decidingChild(summary: SummaryEvent): ChildSummary | undefined {
  const culprit = summary.failedBy === undefined ? undefined : summary.children[summary.failedBy];
  if (!(culprit?.error instanceof CanceledError)) return culprit;
  const endedAt = (child: ChildSummary) => child.attempts.at(-1)?.endedAt ?? Infinity;
  return summary.children.filter((child) => child.outcome === 'failure' && !(child.error instanceof CanceledError)).sort((a, b) => endedAt(a) - endedAt(b))[0];
}
