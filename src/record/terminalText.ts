import { StringDecoder } from 'node:string_decoder';

/**
 * Turns one stream's raw chunks into the text a terminal would get: UTF-8 decoded across chunk
 * boundaries, and each `\n` written `\r\n` (as a pty's ONLCR does) so players that draw in raw mode
 * start the next line at the left edge. A `\r\n` the child wrote is kept, never doubled, even when
 * its `\r` ends one chunk and its `\n` starts the next.
 */
export class TerminalText {
  private readonly decoder = new StringDecoder('utf8');
  private endsWithCarriageReturn = false;

  /** The text of a chunk; '' while a character is incomplete. */
  decode(chunk: Buffer): string {
    return this.toTerminal(this.decoder.write(chunk));
  }

  /** What the decoder still holds at the end (an incomplete character becomes U+FFFD). */
  end(): string {
    return this.toTerminal(this.decoder.end());
  }

  private toTerminal(text: string): string {
    if (text === '') return text;
    let terminal = text.replace(/\r?\n/g, '\r\n');
    // This chunk's first \n ends a \r\n whose \r closed the previous chunk: drop the \r just added.
    if (this.endsWithCarriageReturn && text.charCodeAt(0) === 0x0a) terminal = terminal.slice(1);
    this.endsWithCarriageReturn = text.charCodeAt(text.length - 1) === 0x0d;
    return terminal;
  }
}
