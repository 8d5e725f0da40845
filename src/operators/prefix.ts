import { defer, type OperatorFunction } from 'rxjs';
import { colorsAllowed } from '../tty/colorsAllowed.js';
import type { OutputStreamName } from '../types.js';
import { checkOptionsObject, failOperatorOption } from './operatorOptions.js';
import { hasPlaceholder, PrefixTemplates } from './prefixTemplate.js';
import { prependToLines } from './prependToLines.js';

/** Text to put before the lines of each stream. */
export interface PrefixOptions {
  /** May use `{name}`, `{index}` (a muxAll() child's) and `{pid}` (from the child's spawn event). */
  stdout?: string;
  stderr?: string;
  /**
   * Colour the prefix, with a stable colour per child name: `true`, `false` (default), per stream
   * (`{ stdout: true, stderr: false }`), or `'auto'`: where the lines usually go allows it
   * (`process.stdout` for stdout lines, `process.stderr` for stderr lines: a terminal, `NO_COLOR`
   * and `FORCE_COLOR` honoured, see `colorsAllowed`).
   */
  color?: boolean | 'auto' | Partial<Record<OutputStreamName, boolean>>;
}

/**
 * Puts a text before every line of a stream (in chunk mode, before every chunk). On a muxAll()
 * timeline the text may name the child: `{name}`, `{index}`, `{pid}`.
 *
 * @example
 * ```ts
 * // find's output live, with its errors marked:
 * pipemux('find', ['/etc']).pipe(prefix({ stderr: 'E: ' }))
 * // several children, each line with its child's name in its own colour on a terminal:
 * muxAll(jobs).pipe(prefix({ stdout: '[{name}] ', stderr: '[{name}] ', color: 'auto' }))
 * ```
 * @throws InvalidOptionError for a prefix that is not a string, a `color` that is not one of its forms, an unknown option.
 */
export function prefix<E extends { type: string }>(prefixes: PrefixOptions): OperatorFunction<E, E> {
  checkPrefixOptions(prefixes);
  const { color = false } = prefixes;
  if (color === false && !hasPlaceholder(prefixes.stdout) && !hasPlaceholder(prefixes.stderr)) {
    return prependToLines((event) => prefixes[event.type]);
  }
  return (source) =>
    defer(() => {
      const colored = colorsOf(color);
      const templates = new PrefixTemplates({ stdout: prefixes.stdout, stderr: prefixes.stderr }, colored);
      return source.pipe(
        prependToLines(
          (event) => templates.headOf(event),
          (event) => templates.observe(event),
        ),
      );
    });
}

/** @throws InvalidOptionError for prefixes that are not text and a `color` that is not one of its forms. */
function checkPrefixOptions(prefixes: unknown): asserts prefixes is PrefixOptions {
  if (prefixes === undefined) failOperatorOption('prefix', 'options', 'must be an object', prefixes);
  checkOptionsObject('prefix', prefixes, ['stdout', 'stderr', 'color']);
  const { stdout, stderr, color } = prefixes as Record<string, unknown>;
  for (const [name, text] of [
    ['stdout', stdout],
    ['stderr', stderr],
  ] as const) {
    if (text !== undefined && typeof text !== 'string') failOperatorOption('prefix', name, 'must be a string', text);
  }
  const colorPerStream =
    typeof color === 'object' &&
    color !== null &&
    Object.entries(color).every(([name, on]) => (name === 'stdout' || name === 'stderr') && typeof on === 'boolean');
  if (!(color === undefined || typeof color === 'boolean' || color === 'auto' || colorPerStream)) {
    failOperatorOption('prefix', 'color', "must be true, false, 'auto' or { stdout?: boolean, stderr?: boolean }", color);
  }
}

/** Whether each stream's prefix is coloured. */
function colorsOf(color: NonNullable<PrefixOptions['color']>): Record<OutputStreamName, boolean> {
  if (color === 'auto') return { stdout: colorsAllowed(process.stdout), stderr: colorsAllowed(process.stderr) };
  if (typeof color === 'boolean') return { stdout: color, stderr: color };
  return { stdout: color.stdout ?? false, stderr: color.stderr ?? false };
}
