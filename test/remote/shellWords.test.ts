import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shellWords } from '../../src/remote/shellWords.js';

const run = promisify(execFile);

/** The words a real POSIX shell makes of a command line: printf each, NUL-terminated. */
async function wordsAfterShell(shell: string, line: string): Promise<string[]> {
  const { stdout } = await run(shell, ['-c', `printf '%s\\0' ${line}`], { encoding: 'buffer' });
  return stdout.toString('utf8').split('\0').slice(0, -1);
}

const TRICKY: [string, string][] = [
  ['empty', ''],
  ['spaces', 'a  b'],
  ['tab and newline', 'a\tb\nc'],
  ['only a newline', '\n'],
  ['single quote', "it's"],
  ['double quotes', 'say "hi"'],
  ['both quotes', `'"'"`],
  ['command substitution', '$(touch /tmp/pipemux-injected)'],
  ['backquotes', '`id`'],
  ['variable', '$HOME ${PATH}'],
  ['glob', '*.ts ?'],
  ['history bang', '!!'],
  ['quote and bang', "a'!b"],
  ['backslashes', 'a\\b\\\\c\\'],
  ['operators', 'a;b&&c||d|e>f<g'],
  ['comment', '#not a comment'],
  ['tilde', '~root'],
  ['braces', '{a,b}'],
  ['leading dash', '-rf'],
  ['unicode', 'grüße ✓'],
  ['carriage return', 'a\r\nb'],
  ['record separator', '\x1epmx'],
  ['equals', 'a=b'],
];

describe('shellWords (shell-quote) through a real shell', () => {
  for (const shell of ['sh', 'bash']) {
    it.each(TRICKY)(`${shell}: %s arrives as given`, async (_name, word) => {
      expect(await wordsAfterShell(shell, shellWords([word]))).toEqual([word]);
    });
  }

  it('all of them at once keep their number and order', async () => {
    const words = TRICKY.map(([, word]) => word);
    expect(await wordsAfterShell('sh', shellWords(words))).toEqual(words);
  });

  it('random strings (any characters but NUL) round-trip through sh', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.string({ unit: 'binary', maxLength: 20 }).map((word) => word.replaceAll('\0', '')),
          { minLength: 1, maxLength: 5 },
        ),
        async (words) => {
          expect(await wordsAfterShell('sh', shellWords(words))).toEqual(words);
        },
      ),
      { numRuns: 150 },
    );
  });
});
