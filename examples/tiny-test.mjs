// Helper of server-and-tests.mjs: checks three requests to the server and exits 0 when every answer
// was "pong" (1 otherwise). Waits up to 10 s for the server to listen.
// Usage: node examples/tiny-test.mjs [PORT]   (without PORT: reads it from a line on stdin)
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';

const port = process.argv[2] ?? (await firstLine());
let failures = 0;
for (const path of ['/a', '/b', '/c']) {
  const answer = await ask(`http://127.0.0.1:${port}${path}`);
  console.log(`${path}: ${answer === 'pong' ? 'ok' : `FAILED (${answer})`}`);
  if (answer !== 'pong') failures++;
}
console.error(`${3 - failures} of 3 passed`);
process.exit(failures === 0 ? 0 : 1);

async function firstLine() {
  const lines = createInterface({ input: process.stdin });
  const { value } = await lines[Symbol.asyncIterator]().next();
  lines.close();
  return value;
}

/** The answer's text; retried while the server is not listening yet. */
async function ask(url) {
  for (let tries = 0; ; tries++) {
    try {
      return await (await fetch(url)).text();
    } catch (error) {
      if (tries >= 100) return `no answer: ${error.cause?.code ?? error.message}`;
      await delay(100);
    }
  }
}
