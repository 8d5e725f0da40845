import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MuxEvent, OutputEvent, OutputStreamName } from '../../src/index.js';
import { SuiteFigures } from './support/figures.js';
import { runPiecewise, type Piece, type PiecewiseRun } from './support/piecewiseChild.js';
import { runs, timeoutFor } from './support/soak.js';

// Property 2 (whole lines) at random chunk boundaries, through real children. test/lines has
// fast-check properties of the LineSplitter fed by direct calls; here the bytes go through a real
// pipe from a real process, on both streams at once, with the chunk boundaries under our control
// (runPiecewise: one write(2) a piece, the next only after we read it), so the properties also
// cover the seq order across stdout and stderr, the final line at EOF, and the tee copy.
const figures = new SuiteFigures('fuzz', 'Fuzz: line splitting through real children (fast-check)');

/** fast-check runners going at once (each runs its cases one after another): children overlap. */
const RUNNERS = 8;
const CASES = runs(1000);
const SEED = Number(process.env['PIPEMUX_FUZZ_SEED'] ?? Date.now() % 2 ** 31);

type Part = string | number[];
const toBytes = (parts: readonly Part[]) => Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))));

/** A stream's bytes and how to cut them, and an interleaving of the two streams' pieces. */
function casesOf(alphabet: readonly Part[], maxCut: number) {
  const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }).map(toBytes);
  const cuts = fc.array(fc.integer({ min: 1, max: maxCut }), { minLength: 1, maxLength: 10 });
  return fc
    .record({ stdout: text, stderr: text, stdoutCuts: cuts, stderrCuts: cuts, order: fc.array(fc.boolean(), { minLength: 1, maxLength: 16 }) })
    .map((c) => {
      const cut = (stream: OutputStreamName, bytes: Buffer, sizes: number[]): Piece[] => {
        const pieces: Piece[] = [];
        for (let at = 0, i = 0; at < bytes.length; i++) {
          const size = sizes[i % sizes.length]!;
          pieces.push({ stream, bytes: bytes.subarray(at, at + size) });
          at += size;
        }
        return pieces;
      };
      const outPieces = cut('stdout', c.stdout, c.stdoutCuts);
      const errPieces = cut('stderr', c.stderr, c.stderrCuts);
      const pieces: Piece[] = [];
      for (let i = 0; outPieces.length + errPieces.length > 0; i++) {
        const fromOut = errPieces.length === 0 || (outPieces.length > 0 && c.order[i % c.order.length]);
        pieces.push((fromOut ? outPieces : errPieces).shift()!);
      }
      return { stdout: c.stdout, stderr: c.stderr, pieces };
    });
}

/** The lines of a byte stream as documented: split at LF, one CR before it dropped, a last line without LF kept as is. */
function referenceLines(bytes: Buffer): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let newline = bytes.indexOf(0x0a); newline !== -1; newline = bytes.indexOf(0x0a, start)) {
    const end = newline > start && bytes[newline - 1] === 0x0d ? newline - 1 : newline;
    lines.push(bytes.subarray(start, end).toString('utf8'));
    start = newline + 1;
  }
  if (start < bytes.length) lines.push(bytes.subarray(start).toString('utf8'));
  return lines;
}

/** Expected data events in arrival order: lines completed by each piece in turn, then the two last lines (no LF) in either order. */
function expectedOrder(pieces: readonly Piece[]): { ordered: string[]; finals: string[] } {
  const pending: Record<OutputStreamName, Buffer> = { stdout: Buffer.alloc(0), stderr: Buffer.alloc(0) };
  const ordered: string[] = [];
  for (const { stream, bytes } of pieces) {
    const all = Buffer.concat([pending[stream], bytes]);
    const lastNewline = all.lastIndexOf(0x0a);
    if (lastNewline === -1) {
      pending[stream] = all;
      continue;
    }
    for (const line of referenceLines(all.subarray(0, lastNewline + 1))) ordered.push(`${stream}:${line}`);
    pending[stream] = all.subarray(lastNewline + 1);
  }
  const finals = (['stdout', 'stderr'] as const)
    .filter((stream) => pending[stream].length > 0)
    .map((stream) => `${stream}:${referenceLines(pending[stream])[0]}`);
  return { ordered, finals };
}

const dataEvents = (events: MuxEvent[]) => events.filter((e): e is OutputEvent<string> => e.type === 'stdout' || e.type === 'stderr');
const hex = (chunks: readonly Buffer[]) => chunks.map((chunk) => chunk.toString('hex'));

/** What every run must show, whatever the property: it ended normally, in the pieces we asked for, with the tee copy exact. */
function checkRun(run: PiecewiseRun, pieces: readonly Piece[], bytes: Record<OutputStreamName, Buffer>): void {
  expect(run.timedOut, 'the run did not end within its deadline').toBe(false);
  expect(run.error).toBeUndefined();
  const { events } = run;
  expect(events[0]?.type).toBe('spawn');
  expect(events.at(-1)).toMatchObject({ type: 'exit', code: 0, signal: null });
  expect(dataEvents(events).map((e) => e.seq)).toEqual(dataEvents(events).map((_, i) => i));
  for (const stream of ['stdout', 'stderr'] as const) {
    // The chunk boundaries really were the pieces' (else this would test less than it claims).
    expect(hex(run.chunks[stream])).toEqual(hex(pieces.filter((p) => p.stream === stream).map((p) => p.bytes)));
    expect(Buffer.concat(run.chunks[stream]).equals(bytes[stream])).toBe(true);
  }
}

/** Whole lines, in arrival order across the two streams. */
async function wholeLinesProperty(c: { stdout: Buffer; stderr: Buffer; pieces: Piece[] }): Promise<void> {
  const run = await runPiecewise(c.pieces);
  checkRun(run, c.pieces, c);
  const got = dataEvents(run.events).map((e) => `${e.type}:${e.data}`);
  const { ordered, finals } = expectedOrder(c.pieces);
  expect(got.slice(0, ordered.length)).toEqual(ordered);
  expect([...got.slice(ordered.length)].sort()).toEqual([...finals].sort());
  expect(dataEvents(run.events).some((e) => e.partial)).toBe(false);
}

/** Small maxLineLength: pieces of at most the limit that join to the lines; never a torn character. */
function limitedLinesProperty(maxLineLength: number) {
  return async (c: { stdout: Buffer; stderr: Buffer; pieces: Piece[] }): Promise<void> => {
    const run = await runPiecewise(c.pieces, { maxLineLength });
    checkRun(run, c.pieces, c);
    for (const stream of ['stdout', 'stderr'] as const) {
      const lines: string[] = [];
      let current = '';
      for (const event of dataEvents(run.events).filter((e) => e.type === stream)) {
        expect(Buffer.byteLength(event.data)).toBeLessThanOrEqual(maxLineLength);
        expect(event.data).not.toContain('\uFFFD');
        current += event.data;
        if (event.partial !== true) {
          lines.push(current);
          current = '';
        }
      }
      expect(current, 'a partial piece is followed by the rest of its line').toBe('');
      expect(lines).toEqual(referenceLines(c[stream]));
    }
  };
}

const PROPERTIES = [
  {
    name: 'random chunking: 1-12 byte pieces of mixed text, stdout and stderr interleaved at random',
    cases: casesOf(['a', 'b', ' ', 'é', '€', '😀', '\n', '\r\n', '\r'], 12),
    check: wholeLinesProperty,
  },
  {
    name: 'random CR/LF mixes: CR, LF, CRLF, CRCRLF cut anywhere (1-3 byte pieces)',
    cases: casesOf(['\r', '\n', '\r\n', '\r\r\n', '\n\r', 'x'], 3),
    check: wholeLinesProperty,
  },
  {
    name: 'random multibyte splits: 2-4 byte characters, invalid and truncated sequences, cut inside characters (1-4 byte pieces)',
    cases: casesOf(['é', '€', '😀', '𝄞', 'a', '\n', '\r\n', [0xff], [0x80], [0xe2, 0x82], [0xf0, 0x9f, 0x98]], 4),
    check: wholeLinesProperty,
  },
  {
    name: 'maxLineLength 5: long lines in pieces at random chunk boundaries, multibyte never torn',
    cases: casesOf(['a', 'b', 'é', '€', '😀', '\n', '\r\n'], 9),
    check: limitedLinesProperty(5),
  },
];

describe('fuzz: line splitting through real children at random chunk boundaries', () => {
  it.each(PROPERTIES)(
    '$name',
    async ({ name, cases, check }) => {
      let casesRun = 0;
      let pieces = 0;
      const property = fc.asyncProperty(cases, async (c) => {
        casesRun++;
        pieces += c.pieces.length;
        await check(c);
      });
      const numRuns = Math.ceil(CASES / RUNNERS);
      const results = await Promise.allSettled(
        Array.from({ length: RUNNERS }, (_, runner) => fc.assert(property, { numRuns, seed: SEED + runner, endOnFailure: false })),
      );
      const failures = results.flatMap((result) =>
        result.status === 'rejected'
          ? [
              String((result.reason as Error).message)
                .split('\n')
                .slice(0, 12)
                .join('\n'),
            ]
          : [],
      );
      const row = figures.add({
        property: name,
        cases: numRuns * RUNNERS,
        casesRunWithShrinking: casesRun,
        pieces,
        failedRunners: failures.length,
        seeds: `${SEED}…${SEED + RUNNERS - 1}`,
      });
      expect(failures).toEqual([]);
      expect(row.failedRunners).toBe(0);
    },
    timeoutFor(240_000),
  );
});
