import { indexOf } from './checkMuxAll.js';
import type { ChildOutcome, SuccessRule } from './types.js';

/** What the rule looks at for one child. */
export interface RuledChild {
  name: string;
  index: number;
  outcome: ChildOutcome;
  /** When it ended (ms since the subscription): the order for `'first'` and `'last'`. */
  endedAt: number;
}

/** The verdict: success, or the child that made the run fail (none when no child the rule needs counted). */
export interface Verdict {
  success: boolean;
  failedBy?: number;
}

/**
 * Applies a success rule. Children killed by kill-others and children never started do not
 * count; `'first'` and `'last'` look at the order in which the counted children ended.
 */
export function judgeRun(rule: SuccessRule, children: readonly RuledChild[]): Verdict {
  const counted = children.filter((child) => child.outcome === 'success' || child.outcome === 'failure').sort((a, b) => a.endedAt - b.endedAt);
  if (rule === 'first' || rule === 'last') {
    const decider = rule === 'first' ? counted[0] : counted.at(-1);
    return decider === undefined || decider.outcome === 'success' ? { success: true } : { success: false, failedBy: decider.index };
  }
  const required = rule === 'all' ? counted : counted.filter((child) => rule.some((ref) => indexOf(ref, children) === child.index));
  const failure = required.find((child) => child.outcome === 'failure');
  if (failure !== undefined) return { success: false, failedBy: failure.index };
  // A list of children needs at least one of them to have finished on its own.
  return { success: rule === 'all' || required.length > 0 };
}
