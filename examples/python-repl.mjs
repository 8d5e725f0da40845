// Drive the python3 REPL over pipes: wait for its prompt, send each expression, print its value.
// Usage: node examples/python-repl.mjs [EXPRESSION ...]   (default: 6 * 7)
import { ExpectTimeoutError, interact } from 'pipemux';

const expressions = process.argv.length > 2 ? process.argv.slice(2) : ['6 * 7'];
// -u: Python's stdout is a pipe here, not a terminal; without -u (or PYTHONUNBUFFERED=1) what a
// statement prints arrives only when the statement ends.
const py = interact('python3', ['-q', '-i', '-u']);
try {
  for (const expression of expressions) {
    await py.expect('>>> '); // the prompt: on stderr, without a newline
    await py.sendLine(expression);
    try {
      // The value comes on stdout; an error (a traceback) on stderr, so look on stdout only.
      const { match } = await py.expect(/^(.*)\n/m, { stream: 'stdout', timeout: 5000 });
      console.log(`${expression} = ${match[1]}`);
    } catch (error) {
      if (!(error instanceof ExpectTimeoutError)) throw error;
      console.log(`${expression}: no value (see the REPL's stderr)`);
    }
  }
  await py.end(); // EOF: the REPL exits
  process.exitCode = (await py.exited).code ?? 1;
} finally {
  await py.close(); // ends the child if it still runs
}
