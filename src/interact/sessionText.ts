import type { OutputStreamName } from '../types.js';

/** Which text `expect()` searches: one stream, or both in arrival order (`'all'`). */
export type TextView = OutputStreamName | 'all';

/** Text that arrived on one stream in one piece; `text` loses its front as it is consumed. */
interface Piece {
  stream: OutputStreamName;
  text: string;
}

// Consumed pieces at the front of the list are cut off once there are this many (and they are half of it).
const COMPACT_AFTER = 1024;

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
  /** Per stream: no piece of that stream before this index holds text (consuming a stream starts here). */
  private readonly firstOf: Record<OutputStreamName, number> = { stdout: 0, stderr: 0 };
  private readonly lengths: Record<TextView, number> = { all: 0, stdout: 0, stderr: 0 };
  /** Characters removed so far from the front of each view (consumed or dropped): turns positions into absolute offsets. */
  private readonly removed: Record<TextView, number> = { all: 0, stdout: 0, stderr: 0 };
  /** The string of the view searched last, kept equal to its text; undefined: build it when asked. */
  private cached: { view: TextView; text: string } | undefined;

  constructor(private readonly maxLength: number) {}

  /** The unmatched text of a view. */
  text(view: TextView): string {
    if (this.cached?.view !== view) this.cached = { view, text: this.build(view) };
    return this.cached.text;
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

  /** Removes the merged view's first `count` characters; `wholePairs`: one more if the cut would split a UTF-16 surrogate pair. */
  private consumeMerged(count: number, wholePairs: boolean): void {
    let left = Math.min(count, this.lengths.all);
    const taken: Record<OutputStreamName, number> = { stdout: 0, stderr: 0 };
    for (let i = this.head; left > 0 && i < this.pieces.length; i++) {
      const piece = this.pieces[i]!;
      let take = Math.min(left, piece.text.length);
      left -= take;
      if (left === 0 && wholePairs && startsWithLowSurrogate(this.pieces, i, take)) {
        if (take < piece.text.length) take++;
        else this.takeFirstCharacterAfter(i, taken);
      }
      taken[piece.stream] += take;
      piece.text = piece.text.slice(take);
    }
    const total = taken.stdout + taken.stderr;
    this.lengths.all -= total;
    this.removed.all += total;
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
      piece.text = piece.text.slice(1);
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
      piece.text = piece.text.slice(take);
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

  /** Skips the consumed pieces at the front, and cuts them off the list once they are many. */
  private compact(): void {
    while (this.head < this.pieces.length && this.pieces[this.head]!.text === '') this.head++;
    if (this.head === this.pieces.length) {
      this.pieces = [];
      this.head = 0;
      this.firstOf.stdout = this.firstOf.stderr = 0;
    } else if (this.head >= COMPACT_AFTER && this.head * 2 >= this.pieces.length) {
      this.pieces = this.pieces.slice(this.head);
      this.firstOf.stdout = Math.max(0, this.firstOf.stdout - this.head);
      this.firstOf.stderr = Math.max(0, this.firstOf.stderr - this.head);
      this.head = 0;
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
