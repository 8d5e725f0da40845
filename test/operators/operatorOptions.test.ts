import { describe, expect, it } from 'vitest';
import { InvalidOptionError, prefix, timestamps } from '../../src/index.js';

// Bad arguments of the operators are programming errors: typed, when the operator is made.
describe('operator arguments', () => {
  it.each<[string, () => unknown, string, string]>([
    ['prefix() without options', () => prefix(undefined as never), 'options', 'prefix(): options must be an object, got undefined'],
    ['prefix({ stdout: 5 })', () => prefix({ stdout: 5 as never }), 'stdout', 'prefix(): stdout must be a string, got 5'],
    ['prefix({ stderr: null })', () => prefix({ stderr: null as never }), 'stderr', 'prefix(): stderr must be a string, got null'],
    [
      'prefix({ stdrr: "E: " }) (a typo)',
      () => prefix({ stdrr: 'E: ' } as never),
      'stdrr',
      'prefix(): stdrr is not an option (known: stdout, stderr, color), got "E: "',
    ],
    [
      'prefix({ color: "yes" })',
      () => prefix({ color: 'yes' as never }),
      'color',
      `prefix(): color must be true, false, 'auto' or { stdout?: boolean, stderr?: boolean }, got "yes"`,
    ],
    [
      'prefix({ color: { stdout: 1 } })',
      () => prefix({ color: { stdout: 1 as never } }),
      'color',
      `prefix(): color must be true, false, 'auto' or { stdout?: boolean, stderr?: boolean }, got Object`,
    ],
    ['timestamps({ format: 5 })', () => timestamps({ format: 5 as never }), 'format', 'timestamps(): format must be a function, got 5'],
    ['timestamps("%H")', () => timestamps('%H' as never), 'options', 'timestamps(): options must be an object, got "%H"'],
  ])('%s', (_name, make, option, message) => {
    let thrown: unknown;
    try {
      make();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidOptionError);
    expect(thrown).toMatchObject({ option, message: `${message} (cwd: ${process.cwd()})` });
  });

  it('the forms that are allowed make operators', () => {
    for (const color of [true, false, 'auto', { stdout: true }, { stderr: false }, undefined] as const)
      expect(typeof prefix({ stdout: '[x] ', color })).toBe('function');
    expect(typeof prefix({})).toBe('function');
    expect(typeof timestamps()).toBe('function');
    expect(typeof timestamps({ format: (ms) => `${ms} ` })).toBe('function');
  });
});
