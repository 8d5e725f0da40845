import type { ExpectedPattern } from '../errors.js';
import { searchPatterns, type PatternMatch } from './searchPatterns.js';
import type { SessionText, TextView } from './sessionText.js';
import type { ExpectPattern, ExpectResult } from './types.js';

/**
 * One `expect()` call: waits for its turn (calls run one after another), then searches its view
 * each time text arrives, until a match, its timeout (kept by the session), or the end of the child.
 */
export class PendingExpect {
  readonly promise: Promise<ExpectResult>;
  private resolve!: (result: ExpectResult) => void;
  private reject!: (error: unknown) => void;
  /** Its turn came and it is waiting for text: its timeout runs. */
  started = false;
  /** Absolute offset in the view up to which the text held no match (strings are not searched there again). */
  private searchedUpTo = 0;
  /** When every pattern is a string: the longest one's length (how far back a match can start in older text). */
  private readonly longestString: number | undefined;

  constructor(
    /** The pattern (or list) as given, for errors. */
    readonly given: ExpectedPattern,
    private readonly patterns: readonly ExpectPattern[],
    readonly view: TextView,
    readonly timeout: number,
  ) {
    this.longestString = patterns.every((pattern) => typeof pattern === 'string') ? Math.max(...patterns.map((pattern) => pattern.length)) : undefined;
    this.promise = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  /** Searches the view; on a match consumes the text up to its end and resolves. True when it matched. */
  search(text: SessionText): boolean {
    const offset = text.offset(this.view);
    const found =
      this.longestString === undefined ? searchPatterns(text.text(this.view), this.patterns, this.searchedUpTo - offset) : this.searchNewText(text, offset);
    if (found === undefined) {
      this.searchedUpTo = offset + text.length(this.view);
      return false;
    }
    const content = text.text(this.view);
    found.match.input = content;
    const stream = text.streamBefore(this.view, Math.max(found.end, 1));
    text.consume(this.view, found.end);
    this.resolve({ match: found.match, index: found.index, before: content.slice(0, found.match.index), stream });
    return true;
  }

  /**
   * Strings only: looks where a string could end in text that arrived since the last search, in
   * that text joined alone, so that a window full of older text is never copied while a child
   * floods. Positions come back in the view's terms.
   */
  private searchNewText(text: SessionText, offset: number): PatternMatch | undefined {
    const from = Math.max(offset, this.searchedUpTo - this.longestString! + 1);
    const found = searchPatterns(text.textFrom(this.view, from), this.patterns);
    if (found === undefined) return undefined;
    found.match.index += from - offset;
    found.end += from - offset;
    return found;
  }

  fail(error: unknown): void {
    this.reject(error);
  }
}
