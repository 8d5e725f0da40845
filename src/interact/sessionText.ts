import type { OutputStreamName } from '../types.js';

/** Which text `expect()` searches: one stream, or both in arrival order (`'all'`). */
export type TextView = OutputStreamName | 'all';

/** Text that arrived on one stream in one piece; `text` loses its front as it is consumed. */
interface Piece {
  stream: OutputStreamName;
  text: string;
}

// Emptied pieces are taken out of the list once there are this many and they are half of it or more.
const COMPACT_AFTER = 64;

/**
 * The session's unmatched output: the text of both streams in arrival order (`'all'`), and each
 * stream's own text. Every character is consumed once, from whichever view matched it: consuming
 * a stream's text also removes it from the merged view, consuming the merged view removes its
 * characters from both streams. The merged text (and so each stream's) is kept to `maxLength`
 * characters by dropping the oldest.
 *
 * The text is kept as the pieces it arrived in; a view's string is built only when it is asked for
 * and then kept up to date for the next search. Only the view searched last keeps its string, so
 * that text piling up on a stream nobody searches costs no copying (an expect on stdout while
 * stderr fills the buffer).
 */
export class SessionText {
  private pieces: Piece[] = [];
  /** Index of the first piece that may hold text. */
  private head = 0;
  /** Pieces from `head` on that were emptied (consumed from the middle) and are still in the list. */
  private emptied = 0;
  /** Per stream: no piece of that stream before this index holds text (consuming a stream starts here). */
  private readonly firstOf: Record<OutputStreamName, number> = { stdout: 0, stderr: 0 };
  private readonly lengths: Record<TextView, number> = { all: 0, stdout: 0, stderr: 0 };
  /** Characters removed so far from the front of each view (consumed or dropped): turns positions into absolute offsets. */
  private readonly removed: Record<TextView, number> = { all: 0, stdout: 0, stderr: 0 };
  /** The string of the view searched last, kept equal to its text; undefined: build it when asked. */
  private cached: { view: TextView; text: string } | undefined;

  /** `compactAfter`: how many emptied pieces wait before they are taken out (small in tests, to exercise that). */
  constructor(
    private readonly maxLength: number,
    private readonly compactAfter = COMPACT_AFTER,
  ) {}

  /** The unmatched text of a view. */
  text(view: TextView): string {
    if (this.cached?.view !== view) this.cached = { view, text: this.build(view) };
    return this.cached.text;
  }

  /** How many characters of a view are kept. */
  length(view: TextView): number {
    return this.lengths[view];
  }

  /**
   * The end of a view's text from the absolute offset `from` on (from its start if that is gone),
   * joined from the last pieces only: the rest of the text is neither copied nor flattened.
   */
  textFrom(view: TextView, from: number): string {
    let wanted = this.removed[view] + this.lengths[view] - Math.max(from, this.removed[view]);
    const texts: string[] = [];
    for (let i = this.pieces.length - 1; wanted > 0 && i >= this.head; i--) {
      const piece = this.pieces[i]!;
      if (view !== 'all' && piece.stream !== view) continue;
      texts.push(piece.text.length > wanted ? piece.text.slice(-wanted) : piece.text);
      wanted -= piece.text.length;
    }
    return texts.reverse().join('');
  }

  /** How many characters of a view were ever removed from its front: its first character's absolute offset. */
  offset(view: TextView): number {
    return this.removed[view];
  }

  /** Adds text that arrived on `stream`, then drops the oldest text beyond `maxLength`. */
  append(stream: OutputStreamName, text: string): void {
    if (text === '') return;
    this.pieces.push({ stream, text });
    this.lengths.all += text.length;
    this.lengths[stream] += text.length;
    if (this.cached?.view === 'all' || this.cached?.view === stream) this.cached.text += text;
    if (this.lengths.all > this.maxLength) this.consumeMerged(this.lengths.all - this.maxLength, true);
  }

  /** The stream the character before `end` came from in a view (`end` > 0). */
  streamBefore(view: TextView, end: number): OutputStreamName {
    if (view !== 'all') return view;
    let position = 0;
    for (let i = this.head; i < this.pieces.length; i++) {
      const piece = this.pieces[i]!;
      position += piece.text.length;
      if (piece.text !== '' && position >= end) return piece.stream;
    }
    return this.pieces.at(-1)?.stream ?? 'stdout';
  }

  /** Removes the first `count` characters of a view (and the same characters from the other views). */
  consume(view: TextView, count: number): void {
    if (count <= 0) return;
    if (view === 'all') this.consumeMerged(count, false);
    else this.consumeStream(view, count);
  }

  /**
   * Removes the merged view's first `count` characters. `dropping`: the oldest text goes because
   * the buffer is full (the cut never splits a UTF-16 surrogate pair), and the kept string of the
   * view searched is dropped rather than cut: while a child floods, cutting it each time would copy
   * the whole window for every chunk, even when only new text is searched.
   */
  private consumeMerged(count: number, dropping: boolean): void {
    let left = Math.min(count, this.lengths.all);
    const taken: Record<OutputStreamName, number> = { stdout: 0, stderr: 0 };
    for (let i = this.head; left > 0 && i < this.pieces.length; i++) {
      const piece = this.pieces[i]!;
      let take = Math.min(left, piece.text.length);
      left -= take;
      if (left === 0 && dropping && startsWithLowSurrogate(this.pieces, i, take)) {
        if (take < piece.text.length) take++;
        else this.takeFirstCharacterAfter(i, taken);
      }
      taken[piece.stream] += take;
      this.cut(piece, take);
    }
    const total = taken.stdout + taken.stderr;
    this.lengths.all -= total;
    this.removed.all += total;
    if (dropping && this.cached !== undefined && (this.cached.view === 'all' || taken[this.cached.view] > 0)) this.cached = undefined;
    if (this.cached?.view === 'all') this.cached.text = this.cached.text.slice(total);
    for (const stream of ['stdout', 'stderr'] as const) this.removedFromStream(stream, taken[stream]);
    this.compact();
  }

  /** A cut that fell between two pieces would split a pair: the next piece's first character goes too. */
  private takeFirstCharacterAfter(index: number, taken: Record<OutputStreamName, number>): void {
    for (let i = index + 1; i < this.pieces.length; i++) {
      const piece = this.pieces[i]!;
      if (piece.text === '') continue;
      taken[piece.stream]++;
      this.cut(piece, 1);
      return;
    }
  }

  /** Removes a stream's first `count` characters, which lie scattered through the merged text. */
  private consumeStream(stream: OutputStreamName, count: number): void {
    let left = Math.min(count, this.lengths[stream]);
    let removedFromMerged = 0;
    // Characters cut from the merged view's very front shift its offsets; ones cut further in do not.
    let leading = true;
    let i = Math.max(this.head, this.firstOf[stream]);
    for (let j = this.head; j < i && leading; j++) leading = this.pieces[j]!.text === '';
    for (; left > 0 && i < this.pieces.length; i++) {
      const piece = this.pieces[i]!;
      if (piece.stream !== stream) {
        if (piece.text !== '') leading = false;
        continue;
      }
      const take = Math.min(left, piece.text.length);
      left -= take;
      if (leading) removedFromMerged += take;
      this.cut(piece, take);
      if (piece.text !== '') break;
    }
    this.firstOf[stream] = i;
    const total = Math.min(count, this.lengths[stream]);
    this.lengths.all -= total;
    this.removed.all += removedFromMerged;
    if (this.cached?.view === 'all') this.cached = undefined;
    this.removedFromStream(stream, total);
    this.compact();
  }

  /** Removes the first `count` characters of a piece, counting it when that empties it. */
  private cut(piece: Piece, count: number): void {
    if (count === 0) return;
    piece.text = piece.text.slice(count);
    if (piece.text === '') this.emptied++;
  }

  private removedFromStream(stream: OutputStreamName, count: number): void {
    if (count === 0) return;
    this.lengths[stream] -= count;
    this.removed[stream] += count;
    if (this.cached?.view === stream) this.cached.text = this.cached.text.slice(count);
  }

  /** The text of a view, joined from the pieces. */
  private build(view: TextView): string {
    const texts: string[] = [];
    for (let i = view === 'all' ? this.head : Math.max(this.head, this.firstOf[view]); i < this.pieces.length; i++) {
      const piece = this.pieces[i]!;
      if (view === 'all' || piece.stream === view) texts.push(piece.text);
    }
    return texts.join('');
  }

  /**
   * Skips the emptied pieces at the front; once emptied pieces are many and at least half of the
   * list, takes them all out (a stream consumed from behind unmatched text of the other one leaves
   * them in the middle, where skipping cannot reach them).
   */
  private compact(): void {
    while (this.head < this.pieces.length && this.pieces[this.head]!.text === '') {
      this.head++;
      this.emptied--;
    }
    const dead = this.head + this.emptied;
    if (dead === this.pieces.length) {
      this.pieces = [];
    } else if (dead >= this.compactAfter && dead * 2 >= this.pieces.length) {
      // Costs the length of the list, at most twice the pieces taken out: nothing per consume on average.
      this.pieces = this.pieces.slice(this.head).filter((piece) => piece.text !== '');
    } else {
      return;
    }
    this.head = 0;
    this.emptied = 0;
    for (const stream of ['stdout', 'stderr'] as const) {
      const first = this.pieces.findIndex((piece) => piece.stream === stream);
      this.firstOf[stream] = first < 0 ? this.pieces.length : first;
    }
  }
}

/** Whether the character right after the first `take` characters of piece `index` (in the merged text) is the second half of a surrogate pair. */
function startsWithLowSurrogate(pieces: readonly Piece[], index: number, take: number): boolean {
  const piece = pieces[index]!;
  let code = piece.text.charCodeAt(take);
  for (let i = index + 1; Number.isNaN(code) && i < pieces.length; i++) code = pieces[i]!.text.charCodeAt(0);
  return code >= 0xdc00 && code <= 0xdfff;
}
