import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

// The example imports 'pipemux' (the package itself, built by npm test) as a user would.
const example = fileURLToPath(new URL('../../examples/python-repl.mjs', import.meta.url));

describe('examples/python-repl.mjs (the README recipe)', () => {
  it('prints the value of each expression and exits with the REPL', async () => {
    const result = await execa(process.execPath, [example, '6 * 7', '2 ** 100', '"é" * 3'], { reject: false, stdin: 'ignore', env: { PYTHONUNBUFFERED: undefined } });
    expect(result.stdout).toBe(`6 * 7 = 42\n2 ** 100 = ${2n ** 100n}\n"é" * 3 = 'ééé'`);
    expect([result.exitCode, result.stderr]).toEqual([0, '']);
  });
});
