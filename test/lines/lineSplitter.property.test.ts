import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../src/lines/lineSplitter.js';
import type { LongLinePolicy } from '../../src/types.js';

// The one place for a fake: the splitter is pure stream logic, driven here by direct calls.

interface Piece {
  line: string;
  partial: boolean;
}

/** Feeds `bytes` to a fresh splitter cut into chunks of the given sizes (cycled); returns what it delivered. */
function splitInChunks(bytes: Buffer, chunkSizes: readonly number[], maxLineLength: number, longLines: LongLinePolicy = 'split') {
  const pieces: Piece[] = [];
  let tooLong: number | undefined;
  const splitter = new LineSplitter(
    (line, partial) => pieces.push({ line, partial }),
    (length) => (tooLong = length),
    {
      encoding: 'utf8',
      maxLineLength,
      longLines,
    },
  );
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = chunkSizes[i % chunkSizes.length]!;
    splitter.write(bytes.subarray(at, at + size));
    at += size;
  }
  splitter.end();
  return { pieces, tooLong };
}

/** What split2 on the whole text gives: lines without `\n` / `\r\n`; a final empty line is no line. */
function referenceLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** Joins each run of `partial` pieces with the piece that ends it. */
function joinPieces(pieces: readonly Piece[]): string[][] {
  const lines: string[][] = [];
  let current: string[] = [];
  for (const piece of pieces) {
    current.push(piece.line);
    if (!piece.partial) {
      lines.push(current);
      current = [];
    }
  }
  expect(current, 'a partial piece must be followed by the rest of its line').toEqual([]);
  return lines;
}

// Characters of 1 to 4 bytes, lone CR, and both line endings, so chunk cuts land everywhere.
const textArbitrary = fc
  .array(fc.constantFrom('a', 'b', ' ', 'é', '€', '😀', '\r', '\n', '\r\n', '\r\n', '\n'), { maxLength: 80 })
  .map((parts) => parts.join(''));
const chunkSizesArbitrary = fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 12 });
const byteLength = (text: string) => Buffer.byteLength(text);

describe('LineSplitter at random chunk boundaries (fast-check)', () => {
  it('gives the same lines as a reference split of the whole text', () => {
    fc.assert(
      fc.property(textArbitrary, chunkSizesArbitrary, (text, chunkSizes) => {
        const { pieces } = splitInChunks(Buffer.from(text), chunkSizes, 1 << 20);
        expect(pieces).toEqual(referenceLines(text).map((line) => ({ line, partial: false })));
      }),
      { numRuns: 2000 },
    );
  });

  it('with a small maxLineLength: pieces join to the reference lines, fit the limit and do not depend on chunking', () => {
    fc.assert(
      fc.property(textArbitrary, chunkSizesArbitrary, fc.integer({ min: 4, max: 12 }), (text, chunkSizes, maxLineLength) => {
        const bytes = Buffer.from(text);
        const { pieces } = splitInChunks(bytes, chunkSizes, maxLineLength);
        const lines = joinPieces(pieces);
        expect(lines.map((line) => line.join(''))).toEqual(referenceLines(text));
        lines.forEach((line) => {
          // A line that fits is one event; a longer one is cut into pieces of max-4..max bytes (never torn characters).
          if (byteLength(line.join('')) <= maxLineLength) expect(line).toHaveLength(1);
          line.forEach((piece, i) => {
            expect(byteLength(piece)).toBeLessThanOrEqual(maxLineLength);
            if (i < line.length - 1) expect(byteLength(piece)).toBeGreaterThanOrEqual(maxLineLength - 4);
            expect(piece).not.toContain('\uFFFD');
          });
        });
        expect(pieces).toEqual(splitInChunks(bytes, [bytes.length || 1], maxLineLength).pieces);
      }),
      { numRuns: 2000 },
    );
  });

  it("with longLines 'error': reports the first over-long line after delivering every line before it", () => {
    fc.assert(
      fc.property(textArbitrary, chunkSizesArbitrary, fc.integer({ min: 4, max: 12 }), (text, chunkSizes, maxLineLength) => {
        const { pieces, tooLong } = splitInChunks(Buffer.from(text), chunkSizes, maxLineLength, 'error');
        const lines = referenceLines(text);
        const firstTooLong = lines.findIndex((line) => byteLength(line) > maxLineLength);
        if (firstTooLong === -1) {
          expect(tooLong).toBeUndefined();
          expect(pieces).toEqual(lines.map((line) => ({ line, partial: false })));
        } else {
          expect(tooLong).toBeGreaterThan(maxLineLength);
          expect(pieces).toEqual(lines.slice(0, firstTooLong).map((line) => ({ line, partial: false })));
        }
      }),
      { numRuns: 1000 },
    );
  });
});
