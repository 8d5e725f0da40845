import type { ExpectedPattern } from '../errors.js';
import { searchPatterns } from './searchPatterns.js';
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

  constructor(
    /** The pattern (or list) as given, for errors. */
    readonly given: ExpectedPattern,
    private readonly patterns: readonly ExpectPattern[],
    readonly view: TextView,
    readonly timeout: number,
  ) {
    this.promise = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  /** Searches the view; on a match consumes the text up to its end and resolves. True when it matched. */
  search(text: SessionText): boolean {
    const content = text.text(this.view);
    const offset = text.offset(this.view);
    const found = searchPatterns(content, this.patterns, this.searchedUpTo - offset);
    if (found === undefined) {
      this.searchedUpTo = offset + content.length;
      return false;
    }
    const stream = text.streamBefore(this.view, Math.max(found.end, 1));
    text.consume(this.view, found.end);
    this.resolve({ match: found.match, index: found.index, before: content.slice(0, found.match.index), stream });
    return true;
  }

  fail(error: unknown): void {
    this.reject(error);
  }
}
