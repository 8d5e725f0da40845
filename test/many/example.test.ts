import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

// The example imports 'pipemux' (the package itself, built by npm test) as a user would.
const example = fileURLToPath(new URL('../../examples/server-and-tests.mjs', import.meta.url));

describe('examples/server-and-tests.mjs', () => {
  it('runs a server and its tests, routes the port, stops the server and exits with the tests’ status', async () => {
    const result = await execa(process.execPath, [example], { reject: false, stdin: 'ignore' });
    expect(result.exitCode).toBe(0);
    const stdout = result.stdout.split('\n');
    expect(stdout[0]).toMatch(/^\[server\] listening on port \d+$/);
    expect(stdout.filter((line) => line.startsWith('[test] '))).toEqual(['[test] /a: ok', '[test] /b: ok', '[test] /c: ok']);
    expect(stdout.filter((line) => line.startsWith('[server] GET'))).toEqual(['[server] GET /a', '[server] GET /b', '[server] GET /c']);
    expect(result.stderr).toBe('[test] 3 of 3 passed\nserver: killed (SIGTERM)\ntest: success (code 0)');
  });
});
