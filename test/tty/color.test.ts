import { afterEach, describe, expect, it, vi } from 'vitest';
import { InvalidOptionError, pipemux, type PipemuxOptions } from '../../src/index.js';
import { colorEnvironment } from '../../src/tty/colorEnvironment.js';
import { collect, dataOf, exitOf } from '../helpers/collect.js';
import { nodeFixture } from '../helpers/fixtures.js';

// Whatever the test runner's environment says about colours, start from none of it.
const CLEAN = { FORCE_COLOR: undefined, CLICOLOR_FORCE: undefined, NO_COLOR: undefined };
const NODE_PLAIN = "{ word: 'red' }";
const NODE_COLOURED = "{ word: \x1b[32m'red'\x1b[39m }";
const CLICOLOR_PLAIN = 'red';
const CLICOLOR_COLOURED = '\x1b[31mred\x1b[0m';

/** Runs tty-color.mjs: [Node's console line, the NO_COLOR/CLICOLOR_FORCE rule's line, the variables it got]. */
async function colorLines(options: PipemuxOptions): Promise<[string, string, Record<string, string | null>]> {
  const events = await collect(pipemux(...nodeFixture('tty-color.mjs'), options));
  expect(exitOf(events).code).toBe(0);
  expect(dataOf(events, 'stderr')).toEqual([]);
  const [node, clicolor, variables] = dataOf(events, 'stdout') as string[];
  return [node!, clicolor!, JSON.parse(variables!) as Record<string, string | null>];
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('color option', () => {
  it.each<[string, PipemuxOptions, [string, string, Record<string, string | null>]]>([
    [
      'auto, no colour variables: plain, as a pipe gets',
      { env: CLEAN },
      [NODE_PLAIN, CLICOLOR_PLAIN, { FORCE_COLOR: null, CLICOLOR_FORCE: null, NO_COLOR: null }],
    ],
    [
      'auto leaves FORCE_COLOR from env alone',
      { env: { ...CLEAN, FORCE_COLOR: '1' } },
      [NODE_COLOURED, CLICOLOR_PLAIN, { FORCE_COLOR: '1', CLICOLOR_FORCE: null, NO_COLOR: null }],
    ],
    [
      "explicit 'auto' is the default",
      { color: 'auto', env: { ...CLEAN, NO_COLOR: '1' } },
      [NODE_PLAIN, CLICOLOR_PLAIN, { FORCE_COLOR: null, CLICOLOR_FORCE: null, NO_COLOR: '1' }],
    ],
    [
      'always: colours from Node and from the clicolors rule, and wins over NO_COLOR in env',
      { color: 'always', env: { ...CLEAN, NO_COLOR: '1' } },
      [NODE_COLOURED, CLICOLOR_COLOURED, { FORCE_COLOR: '1', CLICOLOR_FORCE: '1', NO_COLOR: null }],
    ],
    [
      'never: no colours, and wins over FORCE_COLOR and CLICOLOR_FORCE in env',
      { color: 'never', env: { FORCE_COLOR: '3', CLICOLOR_FORCE: '1' } },
      [NODE_PLAIN, CLICOLOR_PLAIN, { FORCE_COLOR: null, CLICOLOR_FORCE: null, NO_COLOR: '1' }],
    ],
    [
      'always with extendEnv: false',
      { color: 'always', extendEnv: false, env: {} },
      [NODE_COLOURED, CLICOLOR_COLOURED, { FORCE_COLOR: '1', CLICOLOR_FORCE: '1', NO_COLOR: null }],
    ],
  ])('%s', async (_name, options, expected) => {
    expect(await colorLines(options)).toEqual(expected);
  });

  it("never removes FORCE_COLOR and CLICOLOR_FORCE inherited from this process's environment", async () => {
    vi.stubEnv('FORCE_COLOR', '1');
    vi.stubEnv('CLICOLOR_FORCE', '1');
    expect(await colorLines({})).toEqual([NODE_COLOURED, CLICOLOR_COLOURED, { FORCE_COLOR: '1', CLICOLOR_FORCE: '1', NO_COLOR: null }]);
    expect(await colorLines({ color: 'never' })).toEqual([NODE_PLAIN, CLICOLOR_PLAIN, { FORCE_COLOR: null, CLICOLOR_FORCE: null, NO_COLOR: '1' }]);
  });

  it("always removes NO_COLOR inherited from this process's environment", async () => {
    vi.stubEnv('NO_COLOR', '1');
    vi.stubEnv('FORCE_COLOR', undefined);
    vi.stubEnv('CLICOLOR_FORCE', undefined);
    expect((await colorLines({ color: 'always' }))[2]).toEqual({ FORCE_COLOR: '1', CLICOLOR_FORCE: '1', NO_COLOR: null });
  });

  it('never touches TERM', () => {
    for (const policy of ['auto', 'always', 'never'] as const) expect(Object.keys(colorEnvironment(policy) ?? {})).not.toContain('TERM');
  });

  it.each([['sometimes'], [true], ['ALWAYS']])('rejects color: %j with an InvalidOptionError naming the command', (value) => {
    const call = () => pipemux('my-tool', ['x'], { color: value as PipemuxOptions['color'] });
    expect(call).toThrow(InvalidOptionError);
    expect(call).toThrow(/^my-tool x: invalid color: must be one of "auto", "always", "never"/);
  });
});
