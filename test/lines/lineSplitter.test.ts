import { describe, expect, it } from 'vitest';
import { LineSplitter, type LineSplitterOptions } from '../../src/lines/lineSplitter.js';

// Pure stream logic, driven by direct calls (the process-level cases live in test/process/).

const defaults: LineSplitterOptions = { encoding: 'utf8', maxLineLength: 1 << 20, longLines: 'split' };

/** A piece as `"text"` or, for a partial piece, `"text…"`, so a table row reads like the output. */
const show = (line: string, partial: boolean) => (partial ? `${line}…` : line);

function split(chunks: readonly (string | Buffer)[], options: Partial<LineSplitterOptions> = {}) {
  const pieces: string[] = [];
  const tooLong: number[] = [];
  const splitter = new LineSplitter(
    (line, partial) => pieces.push(show(line, partial)),
    (length) => tooLong.push(length),
    { ...defaults, ...options },
  );
  for (const chunk of chunks) splitter.write(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  splitter.end();
  return { pieces, tooLong };
}

const bytewise = (text: string) => [...Buffer.from(text)].map((byte) => Buffer.of(byte));
const hex = (text: string) => Buffer.from(text, 'hex');

describe('LineSplitter', () => {
  it.each([
    { name: 'one line', chunks: ['a\n'], lines: ['a'] },
    { name: 'final line without newline', chunks: ['a\nb'], lines: ['a', 'b'] },
    { name: 'nothing', chunks: [], lines: [] },
    { name: 'CRLF', chunks: ['a\r\nb\r\n'], lines: ['a', 'b'] },
    { name: 'CRLF torn between chunks', chunks: ['a\r', '\nb\r', '\n'], lines: ['a', 'b'] },
    { name: 'lone CR stays in the line', chunks: ['a\rb\n', 'c\r'], lines: ['a\rb', 'c\r'] },
    { name: 'empty lines', chunks: ['\n\n\r\n', '\n'], lines: ['', '', '', ''] },
    { name: 'line torn across many chunks', chunks: ['ab', 'c', 'd\ne', 'f\n'], lines: ['abcd', 'ef'] },
    { name: 'multibyte characters one byte at a time', chunks: bytewise('é€😀\n€'), lines: ['é€😀', '€'] },
    { name: 'invalid UTF-8 becomes U+FFFD', chunks: [hex('fffe410a')], lines: ['\uFFFD\uFFFDA'] },
    { name: 'truncated character at the end', chunks: [hex('410ae282')], lines: ['A', '\uFFFD'] },
  ])('$name', ({ chunks, lines }) => {
    expect(split(chunks)).toEqual({ pieces: lines, tooLong: [] });
  });

  it.each([
    { name: 'latin1', encoding: 'latin1', chunks: [hex('e90a'), hex('ff')], lines: ['é', 'ÿ'] },
    { name: 'ascii', encoding: 'ascii', chunks: ['plain\r\ntext'], lines: ['plain', 'text'] },
    { name: 'utf-8 alias', encoding: 'utf-8', chunks: bytewise('€\n'), lines: ['€'] },
  ] as const)('encoding: $name', ({ encoding, chunks, lines }) => {
    expect(split(chunks, { encoding }).pieces).toEqual(lines);
  });

  // maxLineLength 4 throughout; "…" marks a partial piece (the line goes on in the next one).
  it.each([
    { name: 'a line of exactly the limit is whole', chunks: ['abcd\n'], pieces: ['abcd'] },
    { name: 'a longer line comes in pieces', chunks: ['abcdefghij\n'], pieces: ['abcd…', 'efgh…', 'ij'] },
    { name: 'pieces of a line without newline', chunks: ['abcdefghij'], pieces: ['abcd…', 'efgh…', 'ij'] },
    { name: 'pieces across chunks', chunks: ['ab', 'cdef', 'ghij\nxy\n'], pieces: ['abcd…', 'efgh…', 'ij', 'xy'] },
    { name: 'a multibyte character is never torn', chunks: ['€€€\n'], pieces: ['€…', '€…', '€'] },
    { name: 'a 4-byte character is never torn', chunks: bytewise('a😀b\n'), pieces: ['a…', '😀…', 'b'] },
    { name: 'CRLF after a line of exactly the limit', chunks: ['abcd\r\n'], pieces: ['abcd'] },
    { name: 'CRLF torn after a line of exactly the limit', chunks: ['abcd\r', '\n'], pieces: ['abcd'] },
    { name: 'a piece never ends with CR', chunks: ['abc\rdefg\n'], pieces: ['abc…', '\rdef…', 'g'] },
    { name: 'lone CR at the end counts', chunks: ['abcd\r'], pieces: ['abcd…', '\r'] },
    { name: 'lines after a long one', chunks: ['abcdef\nab\ncd\n'], pieces: ['abcd…', 'ef', 'ab', 'cd'] },
  ])('long lines, split policy: $name', ({ chunks, pieces }) => {
    expect(split(chunks, { maxLineLength: 4 })).toEqual({ pieces, tooLong: [] });
  });

  it.each([
    { name: 'line with newline', chunks: ['ab\nabcdef\nxy\n'], lines: ['ab'] },
    { name: 'line without newline', chunks: ['ab\n', 'abc', 'def'], lines: ['ab'] },
    { name: 'final line longer only by a lone CR', chunks: ['ab\nabcd\r'], lines: ['ab'] },
  ])("long lines, 'error' policy reports once and delivers nothing after: $name", ({ chunks, lines }) => {
    const { pieces, tooLong } = split(chunks, { maxLineLength: 4, longLines: 'error' });
    expect(pieces).toEqual(lines);
    expect(tooLong).toHaveLength(1);
    expect(tooLong[0]).toBeGreaterThan(4);
  });

  it('holds at most maxLineLength bytes of an unfinished line (64 MiB line, 64 KiB chunks)', () => {
    const maxLineLength = 1 << 20;
    let deliveredBytes = 0;
    let lastPieceWasPartial = true;
    const splitter = new LineSplitter(
      (line, partial) => {
        deliveredBytes += line.length;
        lastPieceWasPartial = partial;
      },
      () => expect.unreachable(),
      { ...defaults, maxLineLength },
    );
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let writtenBytes = 0;
    let mostHeld = 0;
    for (let i = 0; i < 1024; i++) {
      splitter.write(chunk);
      writtenBytes += chunk.length;
      mostHeld = Math.max(mostHeld, writtenBytes - deliveredBytes);
    }
    splitter.end();
    expect(mostHeld).toBeLessThanOrEqual(maxLineLength);
    expect(deliveredBytes).toBe(64 * 1024 * 1024);
    expect(lastPieceWasPartial).toBe(false);
  });
});
