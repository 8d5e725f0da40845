// Fresh buffers are this big; a piece of text longer than what is left gets a buffer of its own size.
const BUFFER_SIZE = 256 * 1024;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const HEX = '0123456789abcdef';
// The short JSON escapes of control characters (\b \t \n \f \r), by code.
const SHORT_ESCAPE: (number | undefined)[] = [];
SHORT_ESCAPE[0x08] = 0x62;
SHORT_ESCAPE[0x09] = 0x74;
SHORT_ESCAPE[0x0a] = 0x6e;
SHORT_ESCAPE[0x0c] = 0x66;
SHORT_ESCAPE[0x0d] = 0x72;

/**
 * Builds asciicast lines as UTF-8 bytes. Text is escaped for a JSON string as it is appended, in
 * one pass over each line while it is fresh in the cache: cheaper than joining thousands of lines
 * and running `JSON.stringify` over the result. The output is what `JSON.stringify` gives, except
 * that a lone surrogate (which UTF-8 cannot hold) becomes U+FFFD.
 */
export class JsonLineBuilder {
  private buffer = Buffer.allocUnsafe(BUFFER_SIZE);
  private start = 0;
  private at = 0;

  /** Bytes appended and not taken yet. */
  get length(): number {
    return this.at - this.start;
  }

  /** Appends text that is already JSON (a header, an event's head): as UTF-8, unchanged. */
  appendRaw(text: string): void {
    this.reserve(text.length * 3);
    this.at += this.buffer.write(text, this.at, 'utf8');
  }

  /** Appends a line escaped for the inside of a JSON string, with an escaped `\r\n` (the line end players need). */
  appendLine(text: string): void {
    this.appendEscaped(text, 4);
    const { buffer } = this;
    buffer[this.at++] = BACKSLASH;
    buffer[this.at++] = 0x72;
    buffer[this.at++] = BACKSLASH;
    buffer[this.at++] = 0x6e;
  }

  /** Appends text escaped for the inside of a JSON string (no quotes), keeping room for `extra` bytes after it. */
  appendEscaped(text: string, extra = 0): void {
    this.reserve(text.length * 6 + extra);
    const { buffer } = this;
    let at = this.at;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0x20 && code < 0x7f && code !== QUOTE && code !== BACKSLASH) {
        buffer[at++] = code;
      } else if (code < 0x80) {
        at = escapeAscii(buffer, at, code);
      } else if (code < 0x800) {
        buffer[at++] = 0xc0 | (code >> 6);
        buffer[at++] = 0x80 | (code & 0x3f);
      } else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        const point = 0x10000 + ((code - 0xd800) << 10) + (text.charCodeAt(++i) - 0xdc00);
        buffer[at++] = 0xf0 | (point >> 18);
        buffer[at++] = 0x80 | ((point >> 12) & 0x3f);
        buffer[at++] = 0x80 | ((point >> 6) & 0x3f);
        buffer[at++] = 0x80 | (point & 0x3f);
      } else {
        const point = code >= 0xd800 && code <= 0xdfff ? 0xfffd : code;
        buffer[at++] = 0xe0 | (point >> 12);
        buffer[at++] = 0x80 | ((point >> 6) & 0x3f);
        buffer[at++] = 0x80 | (point & 0x3f);
      }
    }
    this.at = at;
  }

  /** Hands over the bytes appended so far; later appends never touch them. */
  take(): Buffer {
    const taken = this.buffer.subarray(this.start, this.at);
    this.start = this.at;
    return taken;
  }

  /** Makes room for `bytes` more; a new buffer starts with what was not taken yet. */
  private reserve(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    const pending = this.buffer.subarray(this.start, this.at);
    this.buffer = Buffer.allocUnsafe(Math.max(BUFFER_SIZE, pending.length + bytes));
    pending.copy(this.buffer);
    this.start = 0;
    this.at = pending.length;
  }
}

/** `"`, `\`, DEL and the control characters: short escapes where JSON has them, `\u00XX` otherwise. */
function escapeAscii(buffer: Buffer, at: number, code: number): number {
  if (code === 0x7f) {
    buffer[at++] = code;
    return at;
  }
  buffer[at++] = BACKSLASH;
  const short = code === QUOTE || code === BACKSLASH ? code : SHORT_ESCAPE[code];
  if (short !== undefined) {
    buffer[at++] = short;
    return at;
  }
  buffer[at++] = 0x75;
  buffer[at++] = 0x30;
  buffer[at++] = 0x30;
  buffer[at++] = HEX.charCodeAt(code >> 4);
  buffer[at++] = HEX.charCodeAt(code & 0x0f);
  return at;
}
