import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createMessenger } from '../../src/cli/messages.js';

/** A Writable that keeps what it was given, shaped like a tty.WriteStream where asked. */
function capture(shape: { isTTY?: boolean; colors?: boolean }): Writable & { text: () => string; isTTY?: boolean; hasColors?: () => boolean } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  });
  return Object.assign(stream, {
    text: () => chunks.join(''),
    ...(shape.isTTY === undefined ? {} : { isTTY: shape.isTTY }),
    ...(shape.colors === undefined ? {} : { hasColors: () => shape.colors === true }),
  });
}

describe('createMessenger: the CLI’s own notes on stderr', () => {
  it('writes one "pipemux: " line per line of text, plain where colours are not allowed', () => {
    const stderr = capture({});
    createMessenger(stderr)('fifo /tmp/x/stdin\nsecond');
    expect(stderr.text()).toBe('pipemux: fifo /tmp/x/stdin\npipemux: second\n');
  });

  it('ends lines with \\r\\n on a terminal: a child may have switched it to raw mode (fzf), where \\n does not return the cursor', () => {
    const stderr = capture({ isTTY: true, colors: false });
    createMessenger(stderr)('fifo /tmp/x/stdin');
    expect(stderr.text()).toBe('pipemux: fifo /tmp/x/stdin\r\n');
  });

  it('colours the label by kind where the terminal has colours: red for an error (the default), yellow for a warning, bold for a note', () => {
    const stderr = capture({ isTTY: true, colors: true });
    const say = createMessenger(stderr);
    say('failed');
    say('stopped reading', 'warning');
    say('fifo /tmp/x/stdin', 'note');
    expect(stderr.text()).toBe(
      '\x1b[1;31mpipemux:\x1b[0m failed\r\n' + '\x1b[1;33mpipemux:\x1b[0m stopped reading\r\n' + '\x1b[1mpipemux:\x1b[0m fifo /tmp/x/stdin\r\n',
    );
  });

  it('no colour for any kind where colours are not allowed', () => {
    const stderr = capture({ isTTY: true, colors: false });
    const say = createMessenger(stderr);
    for (const kind of ['error', 'warning', 'note'] as const) say(kind, kind);
    expect(stderr.text()).toBe('pipemux: error\r\npipemux: warning\r\npipemux: note\r\n');
  });
});
