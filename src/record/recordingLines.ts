/**
 * The lines of a recording held in memory, decoded one at a time as they are asked for (a
 * recording may be far longer than one JavaScript string can be). Accepts `\n` and `\r\n`.
 */
export class RecordingLines {
  private offset = 0;
  /** 1-based number of the line last returned. */
  lineNumber = 0;

  constructor(private readonly bytes: Buffer) {}

  /** The next line without its line end, or undefined at the end. */
  next(): string | undefined {
    const { bytes } = this;
    if (this.offset >= bytes.length) return undefined;
    const newline = bytes.indexOf(0x0a, this.offset);
    const end = newline === -1 ? bytes.length : newline;
    const contentEnd = end > this.offset && bytes[end - 1] === 0x0d ? end - 1 : end;
    const line = bytes.toString('utf8', this.offset, contentEnd);
    this.offset = end + 1;
    this.lineNumber++;
    return line;
  }
}
