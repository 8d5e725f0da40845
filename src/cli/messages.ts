import type { Writable } from 'node:stream';

/** What a note of the CLI is: the label's colour says it at a glance (red for errors only). */
export type MessageKind = 'error' | 'warning' | 'note';

/** Writes one `pipemux: <text>` line per line of `text` to stderr; `kind` defaults to `'error'`. */
export type Messenger = (text: string, kind?: MessageKind) => void;

// Bold red, bold yellow, bold: SGR codes of the label by kind.
const LABEL_STYLES: Record<MessageKind, string> = { error: '1;31', warning: '1;33', note: '1' };

/** Writes `pipemux: <text>` lines to stderr; the label is coloured only where colours are allowed (NO_COLOR honoured). */
export function createMessenger(stderr: Writable & { hasColors?: () => boolean; isTTY?: boolean }): Messenger {
  // hasColors() is false when stderr is not a terminal and when NO_COLOR is set (FORCE_COLOR overrides).
  const colored = stderr.hasColors?.() === true;
  const label = (kind: MessageKind) => (colored ? `\x1b[${LABEL_STYLES[kind]}mpipemux:\x1b[0m` : 'pipemux:');
  // A child may have put the terminal in raw mode (fzf does) before our note: a bare \n would not return the cursor.
  const lineEnd = stderr.isTTY === true ? '\r\n' : '\n';
  return (text, kind = 'error') => {
    for (const line of text.split('\n')) stderr.write(`${label(kind)} ${line}${lineEnd}`);
  };
}
