/** What {@link colorsAllowed} looks at on a stream (a `tty.WriteStream` has both). */
export interface ColorCapableStream {
  isTTY?: boolean;
  hasColors?: () => boolean;
}

/**
 * Whether text written to `stream` may carry colour codes: `FORCE_COLOR` (any value but `0` or
 * `false`) says yes, and wins over the rest, as for Node.js and chalk; a non-empty `NO_COLOR`
 * (no-color.org) or `TERM=dumb` says no; otherwise only a terminal that has colours.
 *
 * @example
 * ```ts
 * prefix({ stdout: '[{name}] ', color: colorsAllowed(process.stdout) })
 * ```
 */
export function colorsAllowed(stream: ColorCapableStream, env: Record<string, string | undefined> = process.env): boolean {
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force !== 'false';
  if ((env['NO_COLOR'] ?? '') !== '' || env['TERM'] === 'dumb') return false;
  return stream.isTTY === true && (stream.hasColors?.() ?? true);
}
