const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const HEX_DIGITS = Buffer.from('0123456789abcdef');
// Escapes for the control characters JSON has short forms for.
const SHORT_ESCAPES: Record<number, number> = { 0x08: 0x62, 0x09: 0x74, 0x0a: 0x6e, 0x0c: 0x66, 0x0d: 0x72 };

let scratch = Buffer.allocUnsafe(256 * 1024);

/**
 * One asciicast event line as bytes: `head` (ASCII, e.g. `[0.5, "o", `), then `text` as a JSON
 * string, then `]\n`. Faster than `JSON.stringify` for text full of line ends (each `\r\n` is
 * escaped): the text is encoded to UTF-8 once and escaped byte by byte. UTF-8 passes through
 * unescaped, as JSON allows; a lone surrogate (which UTF-8 cannot hold) becomes U+FFFD.
 */
export function jsonEventLine(head: string, text: string): Buffer {
  const source = Buffer.from(text, 'utf8');
  // At most 6 bytes per byte (\u00XX), plus the head, the quotes and `]\n`.
  const size = head.length + source.length * 6 + 4;
  if (scratch.length < size) scratch = Buffer.allocUnsafe(size);
  const out = scratch;
  let at = out.write(head, 0, 'latin1');
  out[at++] = QUOTE;
  for (let i = 0; i < source.length; i++) {
    const byte = source[i]!;
    if (byte >= 0x20 && byte !== QUOTE && byte !== BACKSLASH) {
      out[at++] = byte;
      continue;
    }
    out[at++] = BACKSLASH;
    const short = byte === QUOTE || byte === BACKSLASH ? byte : SHORT_ESCAPES[byte];
    if (short !== undefined) {
      out[at++] = short;
    } else {
      out[at++] = 0x75; // \u00XX
      out[at++] = 0x30;
      out[at++] = 0x30;
      out[at++] = HEX_DIGITS[byte >> 4]!;
      out[at++] = HEX_DIGITS[byte & 0x0f]!;
    }
  }
  out[at++] = QUOTE;
  out[at++] = 0x5d; // ]
  out[at++] = 0x0a;
  return Buffer.from(out.subarray(0, at));
}
