import { Chalk } from 'chalk';

// Sixteen-colour codes every terminal has; neither red (reads as an error) nor white/grey (reads as plain text).
const PALETTE = ['cyan', 'magenta', 'green', 'yellow', 'blue', 'cyanBright', 'magentaBright', 'greenBright', 'yellowBright', 'blueBright'] as const;
const chalk = new Chalk({ level: 1 });

/** The palette colour of a name: the same name gets the same colour in every run (an FNV-1a hash of the name). */
export function colorNameOf(name: string): (typeof PALETTE)[number] {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return PALETTE[(hash >>> 0) % PALETTE.length]!;
}

/**
 * Wraps `text` in the colour of `name` (16-colour ANSI codes, through chalk). Call it only where
 * colours are allowed (see `colorsAllowed`).
 *
 * @example
 * ```ts
 * colorByName('web', '[web]') // '\x1b[36m[web]\x1b[39m' (cyan, every time)
 * ```
 */
export function colorByName(name: string, text: string): string {
  return chalk[colorNameOf(name)](text);
}
