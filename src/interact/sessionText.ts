import type { OutputStreamName } from '../types.js';

/** Which text `expect()` searches: one stream, or both in arrival order (`'all'`). */
export type TextView = OutputStreamName | 'all';

/** A stretch of the merged text that came from one stream. */
interface Run {
  stream: OutputStreamName;
  length: number;
}

/**
 * The session's unmatched output: the text of both streams in arrival order (`'all'`), and each
 * stream's own text. Every character is consumed once, from whichever view matched it: consuming
 * a stream's text also removes it from the merged view, consuming the merged view removes its
 * characters from both streams. The merged text (and so each stream's) is kept to `maxLength`
 * characters by dropping the oldest.
 */
export class SessionText {
  private merged = '';
  /** Which stream each stretch of `merged` came from, in order. */
  private runs: Run[] = [];
  private readonly streams: Record<OutputStreamName, string> = { stdout: '', stderr: '' };
  /** Characters removed so far from the front of each view (consumed or dropped): turns positions into absolute offsets. */
  private readonly removed: Record<TextView, number> = { all: 0, stdout: 0, stderr: 0 };

  constructor(private readonly maxLength: number) {}

  /** The unmatched text of a view. */
  text(view: TextView): string {
    return view === 'all' ? this.merged : this.streams[view];
  }

  /** How many characters of a view were ever removed from its front: its first character's absolute offset. */
  offset(view: TextView): number {
    return this.removed[view];
  }

  /** Adds text that arrived on `stream`, then drops the oldest text beyond `maxLength`. */
  append(stream: OutputStreamName, text: string): void {
    if (text === '') return;
    this.merged += text;
    this.streams[stream] += text;
    const last = this.runs.at(-1);
    if (last?.stream === stream) last.length += text.length;
    else this.runs.push({ stream, length: text.length });
    if (this.merged.length > this.maxLength) this.consume('all', keepWholePairs(this.merged, this.merged.length - this.maxLength));
  }

  /** The stream the character before `end` came from in a view (`end` > 0). */
  streamBefore(view: TextView, end: number): OutputStreamName {
    if (view !== 'all') return view;
    let position = 0;
    for (const run of this.runs) {
      position += run.length;
      if (position >= end) return run.stream;
    }
    return this.runs.at(-1)?.stream ?? 'stdout';
  }

  /** Removes the first `count` characters of a view (and the same characters from the other views). */
  consume(view: TextView, count: number): void {
    if (count <= 0) return;
    if (view === 'all') this.consumeMerged(count);
    else this.consumeStream(view, count);
  }

  private consumeMerged(count: number): void {
    if (count >= this.merged.length) return this.consumeEverything();
    const taken: Record<OutputStreamName, number> = { stdout: 0, stderr: 0 };
    let left = count;
    let whole = 0;
    for (const run of this.runs) {
      const take = Math.min(left, run.length);
      taken[run.stream] += take;
      run.length -= take;
      left -= take;
      if (run.length === 0) whole++;
      if (left === 0) break;
    }
    this.runs.splice(0, whole);
    this.merged = this.merged.slice(count);
    this.removed.all += count;
    for (const stream of ['stdout', 'stderr'] as const) this.dropFromStream(stream, taken[stream]);
  }

  /** Removes a stream's first `count` characters, which lie scattered through the merged text. */
  private consumeStream(stream: OutputStreamName, count: number): void {
    this.dropFromStream(stream, count);
    const kept: string[] = [];
    const runs: Run[] = [];
    let left = count;
    let position = 0;
    let removedFromMerged = 0;
    let leading = true;
    for (const run of this.runs) {
      const start = position;
      position += run.length;
      const take = run.stream === stream ? Math.min(left, run.length) : 0;
      left -= take;
      if (take > 0 && leading) removedFromMerged += take;
      if (take < run.length) leading = false;
      if (take === run.length) continue;
      kept.push(this.merged.slice(start + take, position));
      const previous = runs.at(-1);
      if (previous?.stream === run.stream) previous.length += run.length - take;
      else runs.push({ stream: run.stream, length: run.length - take });
    }
    this.merged = kept.join('');
    this.runs = runs;
    // Only characters cut from the very front shift the merged view's offsets; ones cut further in do not.
    this.removed.all += removedFromMerged;
  }

  /** The common case of a match at the end of the text: nothing is left in any view. */
  private consumeEverything(): void {
    this.removed.all += this.merged.length;
    this.merged = '';
    this.runs = [];
    for (const stream of ['stdout', 'stderr'] as const) this.dropFromStream(stream, this.streams[stream].length);
  }

  private dropFromStream(stream: OutputStreamName, count: number): void {
    if (count === 0) return;
    this.streams[stream] = this.streams[stream].slice(count);
    this.removed[stream] += count;
  }
}

/** `count`, or one more when cutting there would split a UTF-16 surrogate pair (half an emoji). */
function keepWholePairs(text: string, count: number): number {
  const code = text.charCodeAt(count);
  return code >= 0xdc00 && code <= 0xdfff ? count + 1 : count;
}
