import { describe, expect, it } from 'vitest';
import { pipemux, type PipemuxOptions } from '../../src/index.js';
import { collect, dataOf, exitOf } from '../helpers/collect.js';
import { nodeFixture } from '../helpers/fixtures.js';
import { expectLines, expectWellFormedTimeline } from './timeline.js';

/** The payload of line i in random-pieces.mjs (kept in step with the fixture). */
const linePayload = (i: number) => 'ab€😀é'.repeat(i % 5) + 'x'.repeat(i % 13);

/** Arguments of write-chunks.mjs: each piece written separately to stdout (`out`) or stderr (`err`). */
const piecesOf = (stream: 'out' | 'err', ...pieces: (string | Buffer)[]) => pieces.map((piece) => `${stream}:${Buffer.from(piece).toString('hex')}`);
const bytesOf = (text: string) => [...Buffer.from(text)].map((byte) => Buffer.of(byte));

// Property 2: each data event is one whole line of one stream, in order.
describe('whole lines', () => {
  it.each([1, 2, 3, 4])('stdout and stderr written in random torn pieces, interleaved (seed %i)', async (seed) => {
    const count = 300;
    const events = await collect(pipemux(...nodeFixture('random-pieces.mjs', String(seed), String(count))));
    expectWellFormedTimeline(events);
    expectLines(dataOf(events, 'stdout'), count, (i) => `out ${i} ${linePayload(i)}`);
    expectLines(dataOf(events, 'stderr'), count, (i) => `err ${i} ${linePayload(i)}`);
    expect(exitOf(events)).toMatchObject({ code: 0, signal: null });
  });

  it.each<{ name: string; pieces: string[]; options?: PipemuxOptions; stdout: string[]; stderr?: string[] }>([
    { name: 'final line without newline', pieces: piecesOf('out', 'a\nb'), stdout: ['a', 'b'] },
    { name: 'final line without newline on both streams', pieces: [...piecesOf('out', 'o'), ...piecesOf('err', 'e')], stdout: ['o'], stderr: ['e'] },
    { name: 'CRLF', pieces: piecesOf('out', 'a\r\nb\r\n'), stdout: ['a', 'b'] },
    { name: 'CRLF torn between writes', pieces: piecesOf('out', 'a\r', '\nb\r', '\n'), stdout: ['a', 'b'] },
    { name: 'empty lines', pieces: piecesOf('out', '\n\nx\n', '\r\n\n'), stdout: ['', '', 'x', '', ''] },
    { name: 'multibyte characters one byte a write', pieces: ['--gap=2', ...piecesOf('out', ...bytesOf('é€😀\n€😀'))], stdout: ['é€😀', '€😀'] },
    { name: 'invalid UTF-8 becomes U+FFFD', pieces: piecesOf('out', Buffer.from('ff41fe0a80', 'hex')), stdout: ['\uFFFDA\uFFFD', '\uFFFD'] },
    { name: 'a character cut off by the end', pieces: piecesOf('out', Buffer.from('41e282', 'hex')), stdout: ['A\uFFFD'] },
    { name: "encoding 'latin1'", pieces: piecesOf('out', Buffer.from('e90aff', 'hex')), options: { encoding: 'latin1' }, stdout: ['é', 'ÿ'] },
    {
      name: 'a torn line on each stream',
      pieces: ['--gap=2', ...piecesOf('out', 'o1'), ...piecesOf('err', 'e1'), ...piecesOf('out', 'o2\n'), ...piecesOf('err', 'e2\n')],
      stdout: ['o1o2'],
      stderr: ['e1e2'],
    },
  ])('$name', async ({ pieces, options, stdout, stderr = [] }) => {
    const events = await collect(pipemux(...nodeFixture('write-chunks.mjs', ...pieces), options));
    expectWellFormedTimeline(events);
    expect(dataOf(events, 'stdout')).toEqual(stdout);
    expect(dataOf(events, 'stderr')).toEqual(stderr);
    expect(exitOf(events).code).toBe(0);
  });

  it('lines that arrived in one chunk share one time; times never go back', async () => {
    const events = await collect(pipemux(...nodeFixture('write-chunks.mjs', '--gap=20', ...piecesOf('out', 'a\nb\n', 'c\n'))));
    const [a, b, c] = events.filter((e) => e.type === 'stdout');
    expect(a?.time).toBe(b?.time);
    // 'c' usually comes in a later read, but a busy parent may read both writes at once.
    expect(c!.time).toBeGreaterThanOrEqual(b!.time);
    expect(exitOf(events).time).toBeGreaterThanOrEqual(c!.time);
  });
});
