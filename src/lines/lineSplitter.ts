import split2 from 'split2';
import type { Transform } from 'node:stream';
import type { LineEncoding, LongLinePolicy } from '../types.js';
import { HeldBytes } from './heldBytes.js';

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** Receives each line (`partial` for a piece of a line longer than the limit). */
export type LineHandler = (line: string, partial: boolean) => void;

/** Receives the length in bytes of a line that broke the limit under the `'error'` policy. */
export type LineTooLongHandler = (lengthSoFar: number) => void;

export interface LineSplitterOptions {
  encoding: LineEncoding;
  maxLineLength: number;
  longLines: LongLinePolicy;
}

/**
 * Splits a byte stream into lines with split2, in linear time and bounded memory.
 *
 * split2 re-splits its whole unfinished tail on every chunk, which is quadratic for a long line
 * without a newline. So bytes after the last newline are held here (as a list of Buffers) and
 * split2 only ever sees complete lines; it never keeps a tail of its own. Cutting after a `\n`
 * byte is always a character boundary in the ASCII-compatible encodings we accept.
 */
export class LineSplitter {
  private readonly splitter: Transform;
  private readonly held = new HeldBytes();
  private stopped = false;
  /** Set by end(): a held trailing CR is then part of the last line, no LF can follow it. */
  private inputEnded = false;
  /** A flushed piece of the current line went out: the line must still be ended by a last piece. */
  private lineOpen = false;

  constructor(
    private readonly onLine: LineHandler,
    private readonly onTooLong: LineTooLongHandler,
    private readonly options: LineSplitterOptions,
  ) {
    // We decode ourselves (any ASCII-compatible encoding) and hand split2 strings to split. Lines
    // come out of its mapper, not as 'data' events (the Readable machinery per line cost more than
    // the split), and it splits on the string '\n' (V8's fast path; its default /\r?\n/ is several
    // times slower): deliverSplitLine() drops the CR of a CRLF, giving the same lines.
    this.splitter = split2('\n', (line: string) => this.deliverSplitLine(line), { decodeStrings: false });
  }

  /** split2's mapper. Returns nothing, so split2 pushes nothing into its Readable side. */
  private deliverSplitLine(line: string): undefined {
    // Every line but the final one (flushed by end()) had an LF: only there is a trailing CR content.
    const endsWithCrlf = !this.inputEnded && line.charCodeAt(line.length - 1) === CARRIAGE_RETURN;
    this.lineOpen = false;
    this.onLine(endsWithCrlf ? line.slice(0, -1) : line, false);
    return undefined;
  }

  /** Feeds one chunk as read from the pipe; complete lines are delivered synchronously. */
  write(chunk: Buffer): void {
    const { maxLineLength } = this.options;
    let start = 0;
    while (!this.stopped) {
      const firstNewline = chunk.indexOf(NEWLINE, start);
      if (firstNewline === -1) {
        this.held.push(chunk.subarray(start));
        this.cutOverlongHeldLine();
        return;
      }
      const endsWithCarriageReturn = firstNewline > start ? chunk[firstNewline - 1] === CARRIAGE_RETURN : this.holdsCarriageReturnLast();
      if (this.held.length + firstNewline - start - (endsWithCarriageReturn ? 1 : 0) > maxLineLength) {
        // The first line is too long: deliver its head in pieces, then its tail as a line.
        this.held.push(chunk.subarray(start, firstNewline));
        this.cutOverlongHeldLine();
        if (this.stopped) return;
        this.splitLines(this.held.takeAll(chunk.subarray(firstNewline, firstNewline + 1)));
        start = firstNewline + 1;
        continue;
      }
      const lastNewline = chunk.lastIndexOf(NEWLINE);
      // Lines after the first are no longer than the distance between the first and last newline.
      const end = lastNewline - firstNewline <= maxLineLength ? lastNewline + 1 : firstNewline + 1;
      this.splitLines(this.held.takeAll(chunk.subarray(start, end)));
      start = end;
      if (start === chunk.length) return;
    }
  }

  /** Whether bytes of an unfinished line are held (waiting for their newline). */
  get holdsLine(): boolean {
    return this.held.length > 0 && !this.stopped;
  }

  /**
   * Hands over the unfinished line held so far as a partial piece (a prompt that waits for an
   * answer, a progress step); the line goes on with the next bytes. Keeps back what cannot be
   * cut yet: an incomplete UTF-8 character and a trailing CR that may be half of a CRLF.
   */
  flushHeld(): void {
    if (this.stopped) return;
    const { encoding } = this.options;
    const length = this.heldLineLength();
    const cut = encoding === 'utf8' || encoding === 'utf-8' ? completeCharactersLength((index) => this.held.byteAt(index)!, length) : length;
    if (cut === 0) return;
    this.lineOpen = true;
    this.onLine(this.held.takeHeadAsString(cut, encoding), true);
  }

  /**
   * Delivers the final line (one without a trailing newline), if any. `cutOff`: the stream was
   * closed before its end, so that line is marked partial: it did not end, it was cut off.
   */
  end(cutOff = false): void {
    if (this.stopped) return;
    this.inputEnded = true;
    this.cutOverlongHeldLine();
    if (this.stopped) return;
    this.stopped = true;
    if (this.held.length > 0) {
      if (cutOff) this.onLine(this.held.takeAll().toString(this.options.encoding), true);
      else this.splitLines(this.held.takeAll());
    } else if (this.lineOpen && !cutOff) {
      // The stream ended right after a flushed piece: an empty last piece ends that line.
      this.onLine('', false);
    }
    this.splitter.end();
  }

  private splitLines(bytes: Buffer): void {
    this.splitter.write(bytes.toString(this.options.encoding));
  }

  /** Length of the held line's content: a trailing CR may be the first half of a CRLF, so it does not count. */
  private heldLineLength(): number {
    return this.held.length - (!this.inputEnded && this.holdsCarriageReturnLast() ? 1 : 0);
  }

  private holdsCarriageReturnLast(): boolean {
    return this.held.lastByte() === CARRIAGE_RETURN;
  }

  /** While the held (unfinished) line is longer than the limit, applies the long-line policy. */
  private cutOverlongHeldLine(): void {
    const { maxLineLength, longLines, encoding } = this.options;
    while (this.heldLineLength() > maxLineLength && !this.stopped) {
      if (longLines === 'error') {
        this.stopped = true;
        this.onTooLong(this.held.length);
        return;
      }
      const cut = findPieceEnd((index) => this.held.byteAt(index), maxLineLength, encoding);
      this.onLine(this.held.takeHeadAsString(cut, encoding), true);
    }
  }
}

/** Where to end a piece of at most `limit` bytes: not inside a UTF-8 character, not between CR and LF. */
function findPieceEnd(byteAt: (index: number) => number | undefined, limit: number, encoding: LineEncoding): number {
  let cut = limit;
  if (encoding === 'utf8' || encoding === 'utf-8') {
    // Continuation bytes are 10xxxxxx; back up to the start of the character.
    while (cut > 0 && limit - cut < 3 && (byteAt(cut)! & 0xc0) === 0x80) cut--;
    if (cut === 0) cut = limit;
  }
  if (cut > 1 && byteAt(cut - 1) === CARRIAGE_RETURN) cut--;
  return cut;
}

/** How many of the first `length` bytes form whole UTF-8 characters (an incomplete last one is left out). */
function completeCharactersLength(byteAt: (index: number) => number, length: number): number {
  let start = length;
  // Back up over continuation bytes (10xxxxxx) to the lead byte of the last character.
  while (start > 0 && length - start < 3 && (byteAt(start - 1) & 0xc0) === 0x80) start--;
  if (start === 0) return length;
  const lead = byteAt(start - 1);
  const size = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return length - (start - 1) >= size ? length : start - 1;
}
