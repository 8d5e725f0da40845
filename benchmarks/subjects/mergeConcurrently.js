// Scenario 4 peer: concurrently's API with "[index]" prefixes, writing to a stream whose lines are checked.
import { concurrently } from 'concurrently';
import { Writable } from 'node:stream';
import { measureSubject } from './lib/measure.js';
import { MergedLinesChecker } from './lib/mergedLinesChecker.js';

await measureSubject(async ({ children, count }) => {
  const checker = new MergedLinesChecker(children);
  let unfinished = '';
  const output = new Writable({
    decodeStrings: false,
    write(text, _encoding, done) {
      unfinished = checker.checkText(unfinished + text);
      done();
    },
  });
  const commands = Array.from({ length: children }, (_, index) => ({ command: `seq ${count}`, name: String(index) }));
  await concurrently(commands, { outputStream: output, prefix: '[{index}]' }).result;
  if (unfinished !== '') checker.checkLine(unfinished);
  return checker.result();
});
