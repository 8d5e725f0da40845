import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MuxEvent, OutputEvent, TtyReport } from '../../src/index.js';
import { AsciicastEncoder } from '../../src/record/asciicastEncoder.js';
import { formatSeconds } from '../../src/record/asciicastFormat.js';
import { JsonLineBuilder } from '../../src/record/jsonLineBuilder.js';
import type { RecordSettings } from '../../src/record/recordOptions.js';

// The encoder is pure stream logic: fake events (real children are in record.test.ts).
const TTY = { source: 'config' } as TtyReport;
const WALL_CLOCK_AT_SPAWN = 1_700_000_000_500;
const settings = (format: 'v2' | 'v3'): RecordSettings => ({ format, cols: 80, rows: 24, title: undefined });

let seq = 0;
const spawn = (): MuxEvent => ({ type: 'spawn', pid: 1, command: 'cmd', tty: TTY, time: 0.5 });
const out = (data: string | Buffer, time: number, extra: Partial<OutputEvent> = {}): MuxEvent => ({ type: 'stdout', data, seq: seq++, time, ...extra });
const err = (data: string | Buffer, time: number, extra: Partial<OutputEvent> = {}): MuxEvent => ({ type: 'stderr', data, seq: seq++, time, ...extra });
const input = (data: string | Buffer, time: number): MuxEvent => ({ type: 'stdin', data, seq: seq++, time });
const exit = (time: number, code: number | null = 0, signal: string | null = null): MuxEvent => ({
  type: 'exit',
  code,
  signal,
  timedOut: false,
  durationMs: time,
  time,
});

/** The recording's lines, each parsed (every one must be JSON), header first. */
function encode(events: MuxEvent[], format: 'v2' | 'v3' = 'v3'): unknown[] {
  const encoder = new AsciicastEncoder(settings(format), () => WALL_CLOCK_AT_SPAWN);
  for (const event of events) encoder.add(event);
  const text = encoder.take().toString('utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);
}
const eventsOf = (events: MuxEvent[], format: 'v2' | 'v3' = 'v3') => encode(events, format).slice(1);

describe('AsciicastEncoder', () => {
  it('writes a v3 header with the terminal size, the spawn time, the command and the fd report', () => {
    expect(encode([spawn(), exit(1)])[0]).toEqual({
      version: 3,
      term: { cols: 80, rows: 24 },
      timestamp: 1_700_000_000,
      command: 'cmd',
      pipemux: { tty: TTY },
    });
  });

  it('writes a v2 header with width and height', () => {
    expect(encode([spawn(), exit(1)], 'v2')[0]).toEqual({ version: 2, width: 80, height: 24, timestamp: 1_700_000_000, command: 'cmd', pipemux: { tty: TTY } });
  });

  it.each<{ name: string; events: MuxEvent[]; v3: unknown[] }>([
    { name: 'a line ends with \\r\\n', events: [out('hello', 1)], v3: [[0.001, 'o', 'hello\r\n']] },
    {
      name: 'lines read together (same time) make one output event',
      events: [out('a', 1), out('b', 1), out('c', 2)],
      v3: [
        [0.001, 'o', 'a\r\nb\r\n'],
        [0.001, 'o', 'c\r\n'],
      ],
    },
    { name: 'an empty line is kept', events: [out('', 1)], v3: [[0.001, 'o', '\r\n']] },
    {
      name: 'a partial piece has no line end and ends its event',
      events: [out('abcd', 1, { partial: true }), out('ef', 1), out('g', 1)],
      v3: [
        [0.001, 'o', 'abcd'],
        [0.0, 'o', 'ef\r\ng\r\n'],
      ],
    },
    {
      name: 'stderr is output after a tag; a change of stream starts a new event',
      events: [out('a', 1), err('oops', 1), out('b', 1)],
      v3: [
        [0.001, 'o', 'a\r\n'],
        [0.0, 'e', 'stderr'],
        [0.0, 'o', 'oops\r\n'],
        [0.0, 'o', 'b\r\n'],
      ],
    },
    {
      name: 'input is kept exactly, line ends included',
      events: [input('yes\n', 1.5), out('ok', 3)],
      v3: [
        [0.0015, 'i', 'yes\n'],
        [0.0015, 'o', 'ok\r\n'],
      ],
    },
    { name: 'the exit status', events: [exit(2, 3)], v3: [[0.002, 'x', '3']] },
    {
      name: 'a signal: 128+n, and a tag naming it',
      events: [exit(2, null, 'SIGTERM')],
      v3: [
        [0.002, 'e', 'signal SIGTERM'],
        [0.0, 'x', '143'],
      ],
    },
    {
      name: 'quotes, backslashes and control characters are escaped',
      events: [out('say "hi"\\ \u0007\u001b[1m', 1)],
      v3: [[0.001, 'o', 'say "hi"\\ \u0007\u001b[1m\r\n']],
    },
    {
      name: 'a time that goes back is written as no time at all',
      events: [out('a', 5), input('b', 4)],
      v3: [
        [0.005, 'o', 'a\r\n'],
        [0.0, 'i', 'b'],
      ],
    },
  ])('v3: $name', ({ events, v3 }) => {
    expect(eventsOf(events)).toEqual(v3);
  });

  it('v2 writes times since the start', () => {
    expect(eventsOf([out('a', 1), err('b', 2.5), exit(4, 0)], 'v2')).toEqual([
      [0.001, 'o', 'a\r\n'],
      [0.0025, 'e', 'stderr'],
      [0.0025, 'o', 'b\r\n'],
      [0.004, 'x', '0'],
    ]);
  });

  it('chunk mode: decodes UTF-8 split across chunks, per stream', () => {
    const euro = Buffer.from('€'); // e2 82 ac
    const events = [out(euro.subarray(0, 1), 1), err(Buffer.from('x'), 2), out(euro.subarray(1), 3), exit(4)];
    expect(eventsOf(events)).toEqual([
      [0.002, 'e', 'stderr'],
      [0.0, 'o', 'x'],
      [0.001, 'o', '€'],
      [0.001, 'x', '0'],
    ]);
  });

  it('chunk mode: writes \\n as \\r\\n but never doubles a \\r\\n, even split across chunks', () => {
    const events = [out(Buffer.from('a\nb\r'), 1), out(Buffer.from('\nc\r\n\n'), 2), exit(3)];
    expect(eventsOf(events)).toEqual([
      [0.001, 'o', 'a\r\nb\r'],
      [0.001, 'o', '\nc\r\n\r\n'],
      [0.001, 'x', '0'],
    ]);
  });

  it('chunk mode: an incomplete character at the end becomes U+FFFD before the exit', () => {
    expect(eventsOf([out(Buffer.from([0x61, 0xe2, 0x82]), 1), exit(2)])).toEqual([
      [0.001, 'o', 'a'],
      [0.001, 'o', '\ufffd'],
      [0.0, 'x', '0'],
    ]);
  });

  it('a timeline without spawn still gets a header (without command) before its first event', () => {
    const [header, first] = encode([out('a', 1)]);
    expect(header).toEqual({ version: 3, term: { cols: 80, rows: 24 }, timestamp: 1_700_000_000, pipemux: {} });
    expect(first).toEqual([0.001, 'o', 'a\r\n']);
  });

  it('take() hands over text incrementally, the header once', () => {
    const encoder = new AsciicastEncoder(settings('v3'), () => WALL_CLOCK_AT_SPAWN);
    encoder.add(spawn());
    encoder.add(out('a', 1));
    const first = encoder.take().toString();
    encoder.add(out('b', 2));
    const second = encoder.take().toString();
    expect(first.split('\n')).toHaveLength(3);
    expect(second).toBe('[0.001, "o", "b\\r\\n"]\n');
  });

  it('JsonLineBuilder escapes any text as JSON.stringify does, byte for byte, across buffer boundaries (property)', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: 'grapheme', minLength: 3000, maxLength: 9000 }),
      fc.constantFrom('\r\n', '"', '\\', '\u0000', '\u001f', '\u007f', '\u2028', '\b\f\t', 'é€😀'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const builder = new JsonLineBuilder();
        const taken: Buffer[] = [];
        for (const [i, text] of pieces.entries()) {
          builder.appendRaw('"');
          builder.appendEscaped(text);
          builder.appendRaw('"\n');
          if (i % 7 === 0) taken.push(builder.take());
        }
        taken.push(builder.take());
        expect(Buffer.concat(taken).toString('utf8')).toBe(pieces.map((text) => `${JSON.stringify(text)}\n`).join(''));
      }),
      { numRuns: 200 },
    );
  });

  it('JsonLineBuilder writes a lone surrogate, which UTF-8 cannot hold, as U+FFFD', () => {
    const builder = new JsonLineBuilder();
    builder.appendEscaped('a\ud800b\udc00\ud83d');
    expect(builder.take().toString('utf8')).toBe('a\ufffdb\ufffd\ufffd');
  });

  it.each([
    [0, '0.0'],
    [1, '0.000001'],
    [1_500_000, '1.5'],
    [12_000_003, '12.000003'],
    [3_600_000_000, '3600.0'],
  ])('formatSeconds(%d µs) is %s', (micros, text) => {
    expect(formatSeconds(micros)).toBe(text);
  });

  it('v3 intervals add up to the last time rounded to µs, without drift (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 5, noNaN: true }), { minLength: 1, maxLength: 300 }), (steps) => {
        let time = 0;
        const events = steps.map((step) => out('x', (time += step)));
        const intervals = eventsOf(events).map((event) => Math.round((event as [number])[0] * 1e6));
        expect(intervals.reduce((sum, micros) => sum + micros, 0)).toBe(Math.round(time * 1000));
      }),
    );
  });

  it('chunk mode: any split of a text gives the same terminal text as the whole (property)', () => {
    const text = fc.array(fc.constantFrom('a', 'é', '€', '😀', '\r', '\n', '\r\n', '"', '\\', '\u0001'), { maxLength: 60 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 20 }), (whole, sizes) => {
        const bytes = Buffer.from(whole);
        const chunks: MuxEvent[] = [];
        for (let start = 0, i = 0; start < bytes.length; start += sizes[i++ % sizes.length]!)
          chunks.push(out(bytes.subarray(start, start + sizes[i % sizes.length]!), chunks.length));
        const written = eventsOf([...chunks, exit(1000)]).flatMap((event) => ((event as string[])[1] === 'o' ? [(event as string[])[2]] : []));
        expect(written.join('')).toBe(whole.replace(/\r?\n/g, '\r\n'));
      }),
    );
  });
});
