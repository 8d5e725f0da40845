import { describe, expect, it } from 'vitest';
import { WrapperRecords, parseRecord, type WrapperRecord } from '../../src/remote/wrapperRecords.js';

const NONCE = '0123456789abcdef';
const mark = (words: string) => `\x1epmx${NONCE} ${words}\n`;

/** Feeds `pieces` to a filter as stderr chunks; what passes, what was held for the preamble, and the records. */
function feed(pieces: (string | Buffer)[]): { passed: string; records: WrapperRecord[]; preamble: string } {
  const records: WrapperRecord[] = [];
  const filter = new WrapperRecords(NONCE, (record) => records.push(record));
  const out: Buffer[] = [];
  for (const piece of pieces) out.push(filter.write('stderr', Buffer.from(piece)));
  const rest = filter.end('stderr');
  if (rest !== undefined) out.push(rest);
  return { passed: Buffer.concat(out).toString(), records, preamble: filter.preamble };
}

/** Every way to cut `text` in two. */
function allCuts(text: string): [string, string][] {
  return Array.from({ length: text.length + 1 }, (_, at) => [text.slice(0, at), text.slice(at)]);
}

describe('WrapperRecords: the wrapper records taken out of stderr', () => {
  const start = mark('start 4243 4242 ppp 0 -');
  const exit = mark('exit 3');

  it('passes stdout untouched, records included', () => {
    const filter = new WrapperRecords(NONCE, () => {});
    const chunk = Buffer.from(start);
    expect(filter.write('stdout', chunk)).toBe(chunk);
  });

  it("takes out the start and exit records and keeps the command's bytes between them exactly", () => {
    const { passed, records } = feed([`${start}err 1\nno newline at the end${exit}`]);
    expect(passed).toBe('err 1\nno newline at the end');
    expect(records).toEqual([
      { kind: 'start', pid: 4243, pgid: 4242, fds: 'ppp', controllingTerminal: false, lineBuffering: 'none' },
      { kind: 'exit', status: 3 },
    ]);
  });

  it('cut anywhere, gives the same bytes and records', () => {
    const text = `${start}a\nb${exit}after`;
    for (const [first, second] of allCuts(text)) {
      const { passed, records } = feed([first, second]);
      expect(passed, JSON.stringify([first, second])).toBe('a\nbafter');
      expect(records.map((record) => record.kind)).toEqual(['start', 'exit']);
    }
  });

  it('byte by byte, gives the same bytes and records', () => {
    const text = `${start}x${exit}`;
    const { passed, records } = feed([...text]);
    expect(passed).toBe('x');
    expect(records).toHaveLength(2);
  });

  it('keeps what came before the start record out of the output, as the preamble', () => {
    const { passed, preamble } = feed(['bashrc says hi\n', `more${start}own\n`]);
    expect(passed).toBe('own\n');
    expect(preamble).toBe('bashrc says hi\nmore');
  });

  it('never started: everything is preamble, nothing passes', () => {
    const { passed, preamble } = feed(['This account is currently not available.\n']);
    expect(passed).toBe('');
    expect(preamble).toBe('This account is currently not available.\n');
  });

  it.each([
    ['another nonce', `\x1epmxffffffffffffffff exit 0\n`],
    ['a record separator alone', 'a\x1eb\n'],
    ['a mark without a known record', `\x1epmx${NONCE} hello\n`],
    ['a start record with a bad pid', `\x1epmx${NONCE} start x 1 ppp 0 -\n`],
  ])("passes %s through as the command's bytes", (_name, text) => {
    expect(feed([start, text]).passed).toBe(text);
  });

  it('gives back a held beginning of a mark when the stream ends', () => {
    expect(feed([start, 'tail\x1epm']).passed).toBe('tail\x1epm');
  });

  it('does not hold a long "record" that never ends', () => {
    const long = `\x1epmx${NONCE} ${'x'.repeat(300)}`;
    const records: WrapperRecord[] = [];
    const filter = new WrapperRecords(NONCE, (record) => records.push(record));
    filter.write('stderr', Buffer.from(start));
    expect(filter.write('stderr', Buffer.from(long)).toString()).toBe(long);
  });

  it.each([
    ['start 2 1 tps 1 s', { kind: 'start', pid: 2, pgid: 1, fds: 'tps', controllingTerminal: true, lineBuffering: 'stdbuf' }],
    ['start 8 7 n-u 0 p', { kind: 'start', pid: 8, pgid: 7, fds: 'n-u', controllingTerminal: false, lineBuffering: 'python' }],
    ['notexec', { kind: 'notexec' }],
    ['exit 255', { kind: 'exit', status: 255 }],
    ['nocwd', { kind: 'nocwd' }],
    ['notfound', { kind: 'notfound' }],
    ['exit', undefined],
    ['exit 1 2', undefined],
    ['start 2 1 pp 0 -', undefined],
    ['start 2 ppp 0 -', undefined],
    ['notfound x', undefined],
  ])('parseRecord(%j)', (text, expected) => {
    expect(parseRecord(text)).toEqual(expected);
  });
});
