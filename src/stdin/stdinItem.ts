/**
 * Turns one stdin item into the data written by one `write`: a string or Buffer as it is, a
 * Uint8Array as a Buffer over the same bytes, an array of strings as lines. `undefined` for
 * anything else.
 */
export function toChunk(item: unknown): string | Buffer | undefined {
  if (typeof item === 'string' || Buffer.isBuffer(item)) return item;
  if (item instanceof Uint8Array) return Buffer.from(item.buffer, item.byteOffset, item.byteLength);
  if (Array.isArray(item) && item.every((line) => typeof line === 'string')) return item.map((line) => `${line}\n`).join('');
  return undefined;
}
