import type { LineEncoding } from '../types.js';

/**
 * The bytes of an unfinished line, kept as the chunks they arrived in: nothing is copied until
 * the line is complete, and a piece of an over-long line is decoded straight from the chunks.
 */
export class HeldBytes {
  private chunks: Buffer[] = [];
  /** How many bytes are held. */
  length = 0;

  push(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.chunks.push(bytes);
    this.length += bytes.length;
  }

  /** The byte at `index` (0 = the first held byte), or undefined past the end. */
  byteAt(index: number): number | undefined {
    for (const chunk of this.chunks) {
      if (index < chunk.length) return chunk[index];
      index -= chunk.length;
    }
    return undefined;
  }

  lastByte(): number | undefined {
    const last = this.chunks.at(-1);
    return last?.[last.length - 1];
  }

  /** Everything held, followed by `more`, as one Buffer; holds nothing afterwards. */
  takeAll(more?: Buffer): Buffer {
    if (more !== undefined) this.push(more);
    const bytes = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.length);
    this.chunks = [];
    this.length = 0;
    return bytes;
  }

  /**
   * Decodes and removes the first `count` bytes, which must end on a character boundary. Only
   * those bytes are copied: what is left keeps referring to its own small chunks, not to a big
   * concatenated copy (with 16 MiB pieces that copy stayed alive while the next piece grew).
   */
  takeHeadAsString(count: number, encoding: LineEncoding): string {
    const head: Buffer[] = [];
    let remaining = count;
    while (remaining > 0) {
      const chunk = this.chunks[0]!;
      if (chunk.length <= remaining) {
        head.push(chunk);
        this.chunks.shift();
        remaining -= chunk.length;
      } else {
        head.push(chunk.subarray(0, remaining));
        this.chunks[0] = chunk.subarray(remaining);
        remaining = 0;
      }
    }
    this.length -= count;
    return Buffer.concat(head, count).toString(encoding);
  }
}
