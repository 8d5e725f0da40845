import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLineDecoder, type FlushTimers } from '../../src/lines/outputDecoder.js';

// Pure stream logic with a controlled clock: the decoder's timers are a fake we step by hand.

/** Fake timers: `advance(ms)` moves the clock and runs what came due, in order. */
class FakeTimers implements FlushTimers {
  private time = 0;
  private nextId = 1;
  private readonly pending = new Map<number, { at: number; callback: () => void }>();
  /** How many timers were ever armed. */
  armed = 0;

  set(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.armed++;
    this.pending.set(id, { at: this.time + ms, callback });
    return id;
  }

  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  now(): number {
    return this.time;
  }

  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const due = [...this.pending].filter(([, timer]) => timer.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (due === undefined) break;
      this.pending.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
    }
    this.time = until;
  }
}

const options = { encoding: 'utf8' as const, maxLineLength: 1 << 20, longLines: 'split' as const, flushPartialAfter: 100 };

function decoder(flushPartialAfter = 100) {
  const timers = new FakeTimers();
  const pieces: string[] = [];
  const decode = createLineDecoder(
    (data, partial) => pieces.push(partial ? `${String(data)}…` : String(data)),
    () => expect.unreachable(),
    { ...options, flushPartialAfter },
    timers,
  );
  return { timers, pieces, decode, write: (text: string | Buffer) => decode.write(Buffer.from(text), timers.now()) };
}

describe('flushPartialAfter', () => {
  it('a prompt without newline is handed over after the delay, marked partial; the answer ends the line', () => {
    const { timers, pieces, write } = decoder();
    write('Continue? [y/N] ');
    timers.advance(99);
    expect(pieces).toEqual([]);
    timers.advance(1);
    expect(pieces).toEqual(['Continue? [y/N] …']);
    write('y\n');
    expect(pieces).toEqual(['Continue? [y/N] …', 'y']);
  });

  it('the delay counts from the last bytes: a line still growing is not cut', () => {
    const { timers, pieces, write } = decoder();
    write('a');
    timers.advance(60);
    write('b');
    timers.advance(60);
    expect(pieces).toEqual([]);
    timers.advance(40);
    expect(pieces).toEqual(['ab…']);
  });

  it('no timer while lines end with a newline', () => {
    const { timers, pieces, write } = decoder();
    for (let i = 0; i < 1000; i++) write(`line ${i}\n`);
    timers.advance(1000);
    expect(pieces).toHaveLength(1000);
    expect(timers.armed).toBe(0);
  });

  it('one timer while a line is held, however many chunks come', () => {
    const { timers, write } = decoder();
    for (let i = 0; i < 1000; i++) write('x');
    expect(timers.armed).toBe(1);
  });

  it.each([
    {
      name: 'an incomplete UTF-8 character waits for its last byte',
      chunks: [Buffer.from('ab'), Buffer.from('€').subarray(0, 2)],
      then: Buffer.from('€').subarray(2),
      pieces: ['ab…', '€…'],
    },
    { name: 'a trailing CR waits (it may be half of a CRLF)', chunks: ['33%\r'], then: '\n', pieces: ['33%…', ''] },
    { name: 'a progress bar: each step after its CR', chunks: ['\r33%'], then: '\r66%', pieces: ['\r33%…', '\r66%…'] },
  ])('$name', ({ chunks, then, pieces }) => {
    const decoded = decoder();
    for (const chunk of chunks) decoded.write(chunk);
    decoded.timers.advance(100);
    decoded.write(then);
    decoded.timers.advance(100);
    expect(decoded.pieces).toEqual(pieces);
  });

  it('end() right after a flush: an empty last piece ends the line', () => {
    const { timers, pieces, write, decode } = decoder();
    write('no newline');
    timers.advance(100);
    decode.end(false);
    expect(pieces).toEqual(['no newline…', '']);
  });

  it('end() after a flush delivers the rest as the line end; cut off, it stays partial', () => {
    const whole = decoder();
    whole.write('abc');
    whole.timers.advance(100);
    whole.write('def');
    whole.decode.end(false);
    expect(whole.pieces).toEqual(['abc…', 'def']);
    const cut = decoder();
    cut.write('abc');
    cut.decode.end(true);
    expect(cut.pieces).toEqual(['abc…']);
    cut.timers.advance(1000);
    expect(cut.pieces).toEqual(['abc…']);
  });

  it('pieces joined equal the bytes sent, in every chunking and timing (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ text: fc.string({ unit: fc.constantFrom('a', 'é', '€', '😀', '\r', '\n', '\r\n', ' ') }), waitMs: fc.integer({ min: 0, max: 250 }) }),
          { maxLength: 30 },
        ),
        (steps) => {
          const timers = new FakeTimers();
          const events: { data: string; partial: boolean }[] = [];
          const decodeAll = createLineDecoder(
            (data, partial) => events.push({ data: String(data), partial }),
            () => expect.unreachable(),
            options,
            timers,
          );
          const bytes = Buffer.from(steps.map((step) => step.text).join(''));
          // Cut the bytes anywhere (inside characters too), one step's length at a time.
          let at = 0;
          for (const step of steps) {
            const size = Buffer.byteLength(step.text);
            decodeAll.write(bytes.subarray(at, at + size), timers.now());
            at += size;
            timers.advance(step.waitMs);
          }
          decodeAll.end(false);
          // Joining partial pieces with what follows gives exactly the lines split2 would give.
          const lines: string[] = [];
          let current = '';
          for (const { data, partial } of events) {
            current += data;
            if (!partial) {
              lines.push(current);
              current = '';
            }
          }
          expect(current).toBe('');
          const reference = bytes.toString().split(/\r?\n/);
          if (reference.at(-1) === '') reference.pop();
          expect(lines).toEqual(reference);
        },
      ),
      { numRuns: 500 },
    );
  });
});
