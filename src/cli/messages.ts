import type { Writable } from 'node:stream';

/** Writes `pipemux: <text>` lines to stderr; the name is red only where colours are allowed (NO_COLOR honoured). */
export function createMessenger(stderr: Writable & { hasColors?: () => boolean; isTTY?: boolean }): (text: string) => void {
  // hasColors() is false when stderr is not a terminal and when NO_COLOR is set (FORCE_COLOR overrides).
  const label = stderr.hasColors?.() ? '\x1b[1;31mpipemux:\x1b[0m' : 'pipemux:';
  // A child may have put the terminal in raw mode (fzf does) before our note: a bare \n would not return the cursor.
  const lineEnd = stderr.isTTY === true ? '\r\n' : '\n';
  return (text) => {
    for (const line of text.split('\n')) stderr.write(`${label} ${line}${lineEnd}`);
  };
}
