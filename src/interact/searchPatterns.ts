import type { ExpectPattern } from './types.js';

/** Where a pattern of the list matched in the searched text. */
export interface PatternMatch {
  /** Which pattern of the list matched. */
  index: number;
  match: RegExpExecArray;
  /** Position just after the match. */
  end: number;
}

// A copy without `g` / `y`: exec() on those reads and moves lastIndex, which would make a search depend on the last one.
const statelessCopies = new WeakMap<RegExp, RegExp>();

/** The pattern as used for searching: strings as they are, a RegExp without the `g` and `y` flags. */
export function toSearchable(pattern: ExpectPattern): ExpectPattern {
  if (typeof pattern === 'string' || !(pattern.global || pattern.sticky)) return pattern;
  let copy = statelessCopies.get(pattern);
  if (copy === undefined) {
    copy = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
    statelessCopies.set(pattern, copy);
  }
  return copy;
}

/**
 * Finds the earliest match of any pattern in `text`; when several start at the same place, the
 * first in the list wins (as pexpect does). `searchedUpTo`: the text before it was searched already
 * and held no match, so a string is looked for only where it could end in newer text; a regular
 * expression is always run over the whole text (`^`, lookbehind and the like depend on what
 * precedes). `undefined` when nothing matches.
 */
export function searchPatterns(text: string, patterns: readonly ExpectPattern[], searchedUpTo = 0): PatternMatch | undefined {
  let best: PatternMatch | undefined;
  for (let index = 0; index < patterns.length; index++) {
    const found = searchOne(text, patterns[index]!, searchedUpTo);
    if (found !== undefined && (best === undefined || found.index < best.match.index)) {
      best = { index, match: found, end: found.index + found[0].length };
    }
  }
  return best;
}

function searchOne(text: string, pattern: ExpectPattern, searchedUpTo: number): RegExpExecArray | undefined {
  if (typeof pattern !== 'string') return pattern.exec(text) ?? undefined;
  const at = text.indexOf(pattern, Math.max(0, searchedUpTo - pattern.length + 1));
  if (at < 0) return undefined;
  // The same shape exec() gives, so that callers read match[0] and match.index alike.
  const match = [pattern] as RegExpExecArray;
  match.index = at;
  match.input = text;
  match.groups = undefined;
  return match;
}
