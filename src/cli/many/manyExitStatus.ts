import type { SummaryEvent } from '../../many/types.js';
import { statusOfError, statusOfSignal } from '../exitStatus.js';

/** Status when the rule failed but no child decided it (the named commands were all stopped). */
const NO_DECIDING_CHILD_STATUS = 1;

/**
 * The exit status of `pipemux --many`: 0 when the success rule holds; otherwise the status of the
 * command that made it fail (its code, 128+n for signal n, 127 not found, 126 not executable).
 */
export function statusOfSummary(summary: SummaryEvent): number {
  if (summary.success) return 0;
  const culprit = summary.failedBy === undefined ? undefined : summary.children[summary.failedBy];
  if (culprit === undefined) return NO_DECIDING_CHILD_STATUS;
  if (culprit.error !== undefined) return statusOfError(culprit.error);
  return culprit.code ?? statusOfSignal(culprit.signal);
}
