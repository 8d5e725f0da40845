import { quote } from 'shell-quote';

/**
 * One POSIX shell command line whose words are exactly `words` once the shell has read it: every
 * word is quoted (empty strings, spaces, newlines, quotes, `$()`, backquotes, globs and `!`
 * included), so nothing in it is expanded or run. shell-quote's `quote()` does it for plain
 * strings; `test/remote/shellWords.test.ts` checks the round trip through a real `sh`.
 */
export function shellWords(words: readonly string[]): string {
  return quote([...words]);
}
