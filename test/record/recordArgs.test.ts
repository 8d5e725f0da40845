import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/parseArgs.js';
import { parseReplayArgs } from '../../src/cli/replayArgs.js';

describe('parseArgs: the recording flags', () => {
  it.each<[string, string[], unknown]>([
    ['--record', ['--record', 'a.cast', 'ls'], { record: 'a.cast', recordFormat: undefined }],
    ['--record=FILE and --record-format v2', ['--record=a.cast', '--record-format', 'v2', 'ls'], { record: 'a.cast', recordFormat: 'v2' }],
    ['none', ['ls'], { record: undefined, recordFormat: undefined }],
  ])('%s', (_name, argv, expected) => {
    const parsed = parseArgs(argv);
    expect(parsed.kind === 'run' ? { record: parsed.settings.record, recordFormat: parsed.settings.recordFormat } : parsed).toEqual(expected);
  });

  it.each([
    [['--record-format', 'v2', 'echo'], '--record-format goes with --record'],
    [['--record', 'x.cast', '--record-format', 'v4', 'echo'], '--record-format takes v2 or v3, not "v4"'],
    [['--record', '', 'echo'], '--record needs a file name'],
    [['--record'], '--record needs a value'],
  ])('usage error for %j', (argv, message) => {
    expect(parseArgs(argv)).toEqual({ kind: 'usage-error', message });
  });
});

describe('parseReplayArgs', () => {
  it.each<[string[], unknown]>([
    [['a.cast'], { kind: 'replay', file: 'a.cast', speed: 1, html: undefined }],
    [['--speed', '2.5', 'a.cast'], { kind: 'replay', file: 'a.cast', speed: 2.5, html: undefined }],
    [['a.cast', '--speed=Infinity', '--html=out.html'], { kind: 'replay', file: 'a.cast', speed: Infinity, html: 'out.html' }],
    [['a.cast', '--help'], { kind: 'help' }],
    [['-'], { kind: 'replay', file: '-', speed: 1, html: undefined }],
  ])('%j', (argv, expected) => {
    expect(parseReplayArgs(argv)).toEqual(expected);
  });

  it.each([
    [[], 'replay needs a recording: pipemux replay FILE'],
    [['a.cast', 'b.cast'], 'replay takes one recording, not also "b.cast"'],
    [['a.cast', '--speed', '0'], '--speed takes a number > 0 (or Infinity), not "0"'],
    [['a.cast', '--speed', '-1'], '--speed takes a number > 0 (or Infinity), not "-1"'],
    [['a.cast', '--speed', 'fast'], '--speed takes a number > 0 (or Infinity), not "fast"'],
    [['a.cast', '--speed'], '--speed needs a value'],
    [['a.cast', '--html='], '--html needs a value'],
    [['a.cast', '--loop'], 'unknown option --loop for replay'],
  ])('usage error for %j', (argv, message) => {
    expect(parseReplayArgs(argv)).toEqual({ kind: 'usage-error', message });
  });
});
