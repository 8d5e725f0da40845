import type { TextView } from '../../src/interact/sessionText.js';
import type { OutputStreamName } from '../../src/types.js';

/**
 * The reference for SessionText, one character at a time and obviously right: every character
 * remembers its stream; a character removed while no live one came before it counts in the merged
 * view's offset (one removed from the middle never does).
 */
export class SessionTextModel {
  private readonly characters: { stream: OutputStreamName; unit: string; live: boolean }[] = [];
  private readonly removed: Record<TextView, number> = { all: 0, stdout: 0, stderr: 0 };

  constructor(private readonly maxLength: number) {}

  text(view: TextView): string {
    return this.live(view)
      .map((character) => character.unit)
      .join('');
  }

  offset(view: TextView): number {
    return this.removed[view];
  }

  append(stream: OutputStreamName, text: string): void {
    for (const unit of text) for (let i = 0; i < unit.length; i++) this.characters.push({ stream, unit: unit[i]!, live: true });
    const over = this.live('all').length - this.maxLength;
    if (over <= 0) return;
    const next = this.live('all')[over]?.unit.charCodeAt(0) ?? 0;
    this.consume('all', next >= 0xdc00 && next <= 0xdfff ? over + 1 : over);
  }

  streamBefore(view: TextView, end: number): OutputStreamName {
    return view === 'all' ? this.live('all')[end - 1]!.stream : view;
  }

  consume(view: TextView, count: number): void {
    for (const character of this.live(view).slice(0, Math.max(0, count))) {
      const leading = this.live('all')[0] === character;
      character.live = false;
      this.removed[character.stream]++;
      if (leading) this.removed.all++;
    }
  }

  private live(view: TextView) {
    return this.characters.filter((character) => character.live && (view === 'all' || character.stream === view));
  }
}
