import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

// The example imports 'pipemux' (the package itself, built by npm test) as a user would.
const example = fileURLToPath(new URL('../../examples/python-repl.mjs', import.meta.url));

describe('examples/python-repl.mjs (the README recipe)', () => {
  it('prints the value or the error of each expression and exits with the REPL', async () => {
    const expressions = ['6 * 7', 'undefined_name', '2 ** 100', '"é" * 3'];
    const result = await execa(process.execPath, [example, ...expressions], { reject: false, stdin: 'ignore', env: { PYTHONUNBUFFERED: undefined } });
    expect(result.stdout).toBe(`6 * 7 = 42\nundefined_name: NameError: name 'undefined_name' is not defined\n2 ** 100 = ${2n ** 100n}\n"é" * 3 = 'ééé'`);
    expect([result.exitCode, result.stderr]).toEqual([0, '']);
  });
});
