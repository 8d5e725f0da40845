// Drive the python3 REPL over pipes: send each expression, print its value or its error.
// Usage: node examples/python-repl.mjs [EXPRESSION ...]   (default: 6 * 7)
import { interact } from 'pipemux';

const expressions = process.argv.length > 2 ? process.argv.slice(2) : ['6 * 7'];
// -u: Python's stdout is a pipe here, not a terminal; without -u (or PYTHONUNBUFFERED=1) what a
// statement prints arrives only when the statement ends.
const py = interact('python3', ['-q', '-i', '-u']);
try {
  await py.expect('>>> '); // the prompt: on stderr, without a newline
  for (const expression of expressions) {
    await py.sendLine(expression);
    // The next prompt comes once the statement ran; a traceback comes on stderr before it.
    const { before: traceback } = await py.expect('>>> ', { stream: 'stderr' });
    if (traceback !== '') {
      console.log(`${expression}: ${traceback.trim().split('\n').at(-1)}`);
      continue;
    }
    // The value comes on stdout, which may be read after the prompt: wait for it there.
    const { match } = await py.expect(/^(.*)\n/m, { stream: 'stdout' });
    console.log(`${expression} = ${match[1]}`);
  }
  await py.end(); // EOF: the REPL exits
  process.exitCode = (await py.exited).code ?? 1;
} finally {
  await py.close(); // ends the child if it still runs
}
