import { describe, expect, it } from 'vitest';
import { searchPatterns, toSearchable } from '../../src/interact/searchPatterns.js';
import type { ExpectPattern } from '../../src/interact/types.js';

// Pure search logic: which pattern of a list wins, and where.
describe('searchPatterns', () => {
  it.each<{ name: string; text: string; patterns: ExpectPattern[]; found: [number, string, number] | undefined }>([
    { name: 'a string is matched exactly, not as a regular expression', text: 'a.b a+b', patterns: ['a+b'], found: [0, 'a+b', 4] },
    { name: 'the earliest match in the text wins', text: 'xx yes no', patterns: ['no', 'yes'], found: [1, 'yes', 3] },
    { name: 'at the same place the first of the list wins', text: 'password:', patterns: [/pass\w+/, 'password'], found: [0, 'password', 0] },
    { name: 'a RegExp gives its groups', text: 'v=42;', patterns: [/v=(\d+)/], found: [0, 'v=42', 0] },
    { name: 'no match', text: 'abc', patterns: ['d', /e/], found: undefined },
  ])('$name', ({ text, patterns, found }) => {
    const result = searchPatterns(text, patterns);
    expect(result === undefined ? undefined : [result.index, result.match[0], result.match.index]).toEqual(found);
  });

  it('does not look again for a string in text already searched, but finds one that ends in new text', () => {
    expect(searchPatterns('>>> a', ['>>> '], 5)).toBeUndefined();
    expect(searchPatterns('ab>>', ['>>> '], 4)).toBeUndefined();
    expect(searchPatterns('ab>>> ', ['>>> '], 4)?.match.index).toBe(2);
  });

  it('a RegExp with g or y searches from the start every time (lastIndex is not used)', () => {
    const given = /b/g;
    const pattern = toSearchable(given) as RegExp;
    expect([pattern.global, pattern.sticky]).toEqual([false, false]);
    expect(searchPatterns('abab', [pattern])?.match.index).toBe(1);
    expect(searchPatterns('abab', [pattern])?.match.index).toBe(1);
    expect(toSearchable(given)).toBe(pattern); // one copy per RegExp
    expect(given.lastIndex).toBe(0);
    expect(searchPatterns('xyb', [toSearchable(/b/y)])?.match.index).toBe(2);
  });
});
