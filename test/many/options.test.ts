import { of } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { colorsAllowed, InvalidOptionError, muxAll, type MuxAllOptions } from '../../src/index.js';

const job = (name: string) => ({ name, file: 'true' });

describe('muxAll() checks its jobs and options at call time', () => {
  it.each<[string, unknown, unknown, string, string]>([
    ['jobs that are no array', 'true', undefined, 'jobs', 'muxAll'],
    ['a job without a file', [{ name: 'x' }], undefined, 'file', 'muxAll job 0'],
    ['an empty name', [{ name: '', file: 'true' }], undefined, 'name', 'muxAll job 0'],
    ['a bad option of a job (pipemux checks it)', [{ file: 'true', options: { mode: 'words' } }], undefined, 'mode', 'true'],
    ['two jobs with one name', [job('a'), job('a')], undefined, 'jobs', 'muxAll(a, a)'],
    ['an unknown option', [job('a')], { maxConcurent: 2 }, 'maxConcurent', 'muxAll(a)'],
    ['maxConcurrent 0', [job('a')], { maxConcurrent: 0 }, 'maxConcurrent', 'muxAll(a)'],
    ['an unknown rule', [job('a')], { success: 'most' }, 'success', 'muxAll(a)'],
    ['a rule naming no child', [job('a')], { success: ['b'] }, 'success', 'muxAll(a)'],
    ['an empty list of children', [job('a')], { success: [] }, 'success', 'muxAll(a)'],
    ['a bad killOthersOn', [job('a')], { killOthersOn: ['sometimes'] }, 'killOthersOn', 'muxAll(a)'],
    ['negative tries', [job('a')], { restart: { tries: -1 } }, 'restart', 'muxAll(a)'],
    ['a bad delay', [job('a')], { restart: { tries: 1, delay: 'slowly' } }, 'restart', 'muxAll(a)'],
    ['an input that is no Observable', [job('a')], { input: [{ data: 'x' }] }, 'input', 'muxAll(a)'],
    ['a default target that is no child', [job('a')], { input: of(), defaultInputTarget: 3 }, 'defaultInputTarget', 'muxAll(a)'],
  ])('%s', (_name, jobs, options, option, command) => {
    let thrown: unknown;
    try {
      muxAll(jobs as never, options as MuxAllOptions);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidOptionError);
    expect(thrown).toMatchObject({ option, command });
  });
});

describe('colorsAllowed()', () => {
  const terminal = { isTTY: true, hasColors: () => true };
  const pipe = {};
  it.each<[string, object, Record<string, string>, boolean]>([
    ['a terminal', terminal, {}, true],
    ['a pipe', pipe, {}, false],
    ['a terminal with NO_COLOR', terminal, { NO_COLOR: '1' }, false],
    ['a terminal with an empty NO_COLOR (no-color.org: ignored)', terminal, { NO_COLOR: '' }, true],
    ['a dumb terminal', terminal, { TERM: 'dumb' }, false],
    ['a terminal without colours', { isTTY: true, hasColors: () => false }, {}, false],
    ['a pipe with FORCE_COLOR', pipe, { FORCE_COLOR: '1' }, true],
    ['FORCE_COLOR wins over NO_COLOR (as for Node.js and chalk)', pipe, { FORCE_COLOR: '1', NO_COLOR: '1' }, true],
    ['FORCE_COLOR=0 on a terminal', terminal, { FORCE_COLOR: '0' }, false],
    ['FORCE_COLOR=false on a terminal', terminal, { FORCE_COLOR: 'false' }, false],
  ])('%s', (_name, stream, env, allowed) => {
    expect(colorsAllowed(stream, env)).toBe(allowed);
  });
});
