import { describe, expect, it } from 'vitest';
import { PendingExpect } from '../../src/interact/pendingExpect.js';
import { SessionText } from '../../src/interact/sessionText.js';

// Pure search logic, driven by direct calls: what a flood of unmatched text costs a waiting expect.
describe('PendingExpect', () => {
  /** A SessionText that counts how often a whole view is asked for (joined, and then flattened by the search). */
  function countingText(maxLength: number) {
    const text = new SessionText(maxLength);
    let wholeViews = 0;
    const whole = text.text.bind(text);
    text.text = (view) => {
      wholeViews++;
      return whole(view);
    };
    return { text, wholeViews: () => wholeViews };
  }

  it('strings only: while text floods in without a match, the whole window is never built; the match comes with the right before and end', async () => {
    const { text, wholeViews } = countingText(1000);
    const pending = new PendingExpect(['DONE', 'ERR'], ['DONE', 'ERR'], 'stdout', 1000);
    let sent = '';
    // "…zD" + "ONz…": DON, never DONE, until the end.
    for (let i = 0; i < 5000; i++) {
      const piece = i % 2 === 0 ? 'zzzzzzzzzD' : 'ONzzzzzzzz';
      sent += piece;
      text.append('stdout', piece);
      expect(pending.search(text)).toBe(false);
    }
    expect(wholeViews()).toBe(0);
    for (const piece of ['zzDO', 'NE!']) {
      sent += piece;
      text.append('stdout', piece);
    }
    expect(pending.search(text)).toBe(true);
    const result = await pending.promise;
    const window = sent.slice(-1000);
    expect([result.match[0], result.index, result.match.index]).toEqual(['DONE', 0, window.indexOf('DONE')]);
    expect(result.before).toBe(window.slice(0, window.indexOf('DONE')));
    expect(result.match.input).toBe(window);
    expect(text.text('stdout')).toBe('!');
  });

  it('a RegExp is run over the whole window (it may look behind)', () => {
    const { text, wholeViews } = countingText(1000);
    const pending = new PendingExpect(/DONE/, [/DONE/], 'stdout', 1000);
    for (let i = 0; i < 10; i++) {
      text.append('stdout', 'zzz');
      pending.search(text);
    }
    expect(wholeViews()).toBe(10);
  });
});
