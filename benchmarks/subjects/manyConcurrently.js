// Scenario 9 peer: concurrently's API with named commands and its automatic prefix colours,
// writing to a stream whose lines are checked. Colours forced on (the output is not a terminal).
process.env.FORCE_COLOR = '1';
const { concurrently } = await import('concurrently');
const { Writable } = await import('node:stream');
const { measureSubject } = await import('./lib/measure.js');
const { NamedLinesChecker } = await import('./lib/namedLinesChecker.js');
const { numberLines } = await import('./lib/sources.js');

await measureSubject(async ({ names, count }) => {
  const checker = new NamedLinesChecker(names);
  let unfinished = '';
  const output = new Writable({
    decodeStrings: false,
    write(text, _encoding, done) {
      unfinished = checker.checkText(unfinished + text);
      done();
    },
  });
  const command = numberLines(count).flat().join(' ');
  const commands = names.map((name) => ({ command, name }));
  await concurrently(commands, { outputStream: output, prefixColors: ['auto'] }).result;
  if (unfinished !== '') checker.checkLine(unfinished);
  return checker.result();
});
