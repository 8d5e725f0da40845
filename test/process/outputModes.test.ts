import { describe, expect, it } from 'vitest';
import { InvalidOptionError, pipemux, type OutputMode, type PipemuxOptions, type SpawnEvent } from '../../src/index.js';
import { describeOwnFd } from '../../src/tty/ownFds.js';
import { collect, dataOf, exitOf } from '../helpers/collect.js';

const BOTH = 'echo out; echo err >&2';

describe('stdout and stderr modes', () => {
  it.each<{ stdout?: OutputMode; stderr?: OutputMode; out: string[]; err: string[] }>([
    { out: ['out'], err: ['err'] },
    { stdout: 'ignore', out: [], err: ['err'] },
    { stderr: 'ignore', out: ['out'], err: [] },
    { stdout: 'ignore', stderr: 'ignore', out: [], err: [] },
  ])('stdout $stdout, stderr $stderr: events only for piped streams, exit after all', async ({ stdout, stderr, out, err }) => {
    const options: PipemuxOptions = {};
    if (stdout !== undefined) options.stdout = stdout;
    if (stderr !== undefined) options.stderr = stderr;
    const events = await collect(pipemux('sh', ['-c', BOTH], options));
    expect(dataOf(events, 'stdout')).toEqual(out);
    expect(dataOf(events, 'stderr')).toEqual(err);
    expect(exitOf(events)).toMatchObject({ code: 0, signal: null });
  });

  it("the tty report says what the child got: 'ignore' is /dev/null, 'inherit' is our own fd", async () => {
    const events = await collect(pipemux('sleep', ['0.2'], { stdout: 'ignore', stderr: 'inherit' }));
    const { tty } = events[0] as SpawnEvent;
    expect(tty.stdout).toMatchObject({ kind: 'null', isatty: false });
    const ours = await describeOwnFd(2, '/proc');
    expect(tty.stderr.kind).toBe(ours.kind);
    expect(tty.stderr.target).toBe(ours.target);
  });

  it.each<{ name: string; options: PipemuxOptions; message: RegExp }>([
    {
      name: 'a stdout tee with stdout inherited',
      options: { stdout: 'inherit', tee: { stdout: '/tmp/x' } },
      message: /^echo: invalid tee: tees stdout, which is not piped \(stdout: 'inherit'\)/,
    },
    {
      name: 'an all tee with stderr ignored',
      options: { stderr: 'ignore', tee: { all: '/tmp/x' } },
      message: /tees stderr, which is not piped \(stderr: 'ignore'\)/,
    },
    { name: 'a bad mode', options: { stdout: 'tty' as OutputMode }, message: /^echo: invalid stdout: must be one of "pipe", "inherit", "ignore", got "tty"/ },
  ])('$name: InvalidOptionError at call time', ({ options, message }) => {
    expect(() => pipemux('echo', [], options)).toThrow(InvalidOptionError);
    expect(() => pipemux('echo', [], options)).toThrow(message);
  });
});
