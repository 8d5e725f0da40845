import { describe, expect, it } from 'vitest';
import { ExpectTimeoutError } from '../../src/index.js';
import { nodeFixture } from '../helpers/fixtures.js';
import { hex, useSessions } from './sessions.js';

const start = useSessions();
const onCue = (...pieces: string[]) => nodeFixture('write-on-cue.mjs', ...pieces);
const chunkCount = (events: readonly { type: string }[]) => events.filter((e) => e.type === 'stdout' || e.type === 'stderr').length;

describe('expect(): what it matches', () => {
  it('matches a prompt without a newline, and the text before it', async () => {
    const { session } = start(...onCue(`out:${hex('Welcome\nName: ')}`));
    const result = await session.expect('Name: ');
    expect(result).toMatchObject({ index: 0, before: 'Welcome\n', stream: 'stdout' });
    expect([...result.match]).toEqual(['Name: ']);
  });

  it('matches across chunks: a pattern whose halves arrive in two reads', async () => {
    const { session, probe } = start(...onCue(`out:${hex('pass')}`, `out:${hex('word: ')}`));
    await probe.waitFor((e) => e.type === 'stdout'); // "pass" was read on its own
    const matched = session.expect('password: ');
    await session.sendLine('next');
    expect((await matched).before).toBe('');
    expect(chunkCount(probe.events)).toBe(2);
  });

  it('decodes a UTF-8 character split across reads before matching it', async () => {
    const euro = Buffer.from('€'); // e2 82 ac
    const { session, probe } = start(...onCue(`out:${euro.subarray(0, 2).toString('hex')}`, `out:${euro.subarray(2).toString('hex')}`));
    await probe.waitFor((e) => e.type === 'stdout');
    // Two of three bytes: no character yet, nothing to match (and no U+FFFD either).
    const early = await session.expect(/./u, { timeout: 0 }).catch((error: unknown) => error);
    expect(early).toBeInstanceOf(ExpectTimeoutError);
    expect((early as ExpectTimeoutError).before).toBe('');
    await session.sendLine('next');
    expect((await session.expect('€')).before).toBe('');
  });

  it('counts text that arrived before expect() was called (a zero timeout still matches it)', async () => {
    const { session, probe } = start(...onCue(`err:${hex('ready> ')}`));
    await probe.waitFor((e) => e.type === 'stderr');
    expect(await session.expect('ready> ', { timeout: 0 })).toMatchObject({ before: '', stream: 'stderr' });
  });

  it('consumes up to the end of the match: the same text does not match twice', async () => {
    const { session } = start(...onCue(`out:${hex('a> b> ')}`, `out:${hex('c> ')}`));
    expect((await session.expect('> ')).before).toBe('a');
    expect((await session.expect('> ')).before).toBe('b');
    const third = session.expect('> ');
    await session.sendLine('next');
    expect((await third).before).toBe('c');
  });

  it('a RegExp gives its groups; ^ and $ with the m flag match at line ends of the unmatched text', async () => {
    const { session } = start(...onCue(`out:${hex('total: 17 files\n42\n>')}`));
    const { match } = await session.expect(/total: (\d+) files/);
    expect(match[1]).toBe('17');
    expect((await session.expect(/^(\d+)$/m)).match[1]).toBe('42');
  });

  it('$ matches at the end of what arrived so far (half a line); \\n waits for the whole line', async () => {
    const { session, probe } = start(...onCue(`out:${hex('value: 4')}`, `out:${hex('2\n')}`));
    await probe.waitFor((e) => e.type === 'stdout');
    expect((await session.expect(/value: (\d+)$/m, { timeout: 0 })).match[1]).toBe('4');
    const { probe: second, session: again } = start(...onCue(`out:${hex('value: 4')}`, `out:${hex('2\n')}`));
    await second.waitFor((e) => e.type === 'stdout');
    const whole = again.expect(/value: (\d+)\n/);
    await again.sendLine('next');
    expect((await whole).match[1]).toBe('42');
  });

  it('a list: the earliest match wins, index names it; at one place the first listed wins', async () => {
    const { session } = start(...onCue(`out:${hex('Password: [y/N] ')}`));
    const first = await session.expect(['[y/N]', 'Pass', /password:/i]);
    expect([first.index, first.match[0], first.before]).toEqual([1, 'Pass', '']);
    const second = await session.expect(['[y/N]', /password:/i]);
    expect([second.index, second.before]).toEqual([0, 'word: ']);
  });

  it('stream: searches one stream; text of the other stream stays for later', async () => {
    const { session } = start(...onCue(`err:${hex('warning: x\n')}`, `out:${hex('result 1\n')}`, `err:${hex('> ')}`));
    const warning = session.expect(/warning: (\w+)/, { stream: 'stderr' });
    expect((await warning).match[1]).toBe('x');
    const result = session.expect(/result (\d)/, { stream: 'stdout' });
    await session.sendLine('next');
    expect(await result).toMatchObject({ before: '', stream: 'stdout' });
    // The merged view lost what the stream views consumed, and kept the rest in arrival order.
    const prompt = session.expect('> ');
    await session.sendLine('next');
    expect(await prompt).toMatchObject({ before: '\n\n', stream: 'stderr' });
  });

  it('a merged match spanning both streams names the stream of its last character', async () => {
    const { session, probe } = start(...onCue(`out:${hex('abc')}`, `err:${hex('def')}`));
    await probe.waitFor((e) => e.type === 'stdout');
    const spanning = session.expect('cde');
    await session.sendLine('next');
    expect(await spanning).toMatchObject({ before: 'ab', stream: 'stderr' });
  });

  it('expect() calls run one after another, in call order', async () => {
    const { session } = start(...onCue(`out:${hex('one two ')}`));
    const results = await Promise.all([session.expect('one'), session.expect(/t(w)o/), session.expect(' ')]);
    expect(results.map((result) => [result.before, result.match[0]])).toEqual([
      ['', 'one'],
      [' ', 'two'],
      ['', ' '],
    ]);
  });
});
