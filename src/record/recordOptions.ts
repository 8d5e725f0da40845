import { Writable } from 'node:stream';
import { InvalidOptionError } from '../errors.js';
import type { StreamSinkSpec } from '../types.js';
import type { AsciicastFormat } from './asciicastFormat.js';

/** Where `record()` writes: a file path (created or truncated, closed at the end), a Writable, or `{ stream, end? }`. */
export type RecordTarget = string | Writable | StreamSinkSpec;

/** Options of `record()`. */
export interface RecordOptions {
  /** `'v3'` (default: asciinema 3's format, `[interval, code, data]`) or `'v2'` (`[time, code, data]`, read by asciinema 2.x). */
  format?: AsciicastFormat;
  /** Terminal width in the header (players wrap longer lines). Default 80. */
  cols?: number;
  /** Terminal height in the header. Default 24. */
  rows?: number;
  /** A title for players to show. */
  title?: string;
}

/** The options with their defaults. */
export interface RecordSettings {
  format: AsciicastFormat;
  cols: number;
  rows: number;
  title: string | undefined;
}

const KNOWN_OPTIONS = new Set(['format', 'cols', 'rows', 'title']);
const isTerminalSize = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 1 && (value as number) <= 65_535;

/**
 * Checks `record()`'s arguments and fills in defaults.
 * @throws InvalidOptionError for a bad target or option: a programming error, reported at call time.
 */
export function checkRecordOptions(target: unknown, options: RecordOptions = {}): RecordSettings {
  const fail = (option: string, problem: string): never => {
    throw new InvalidOptionError(`record(): ${option} ${problem}`, { command: '', cwd: process.cwd(), option });
  };
  const validTarget =
    (typeof target === 'string' && target !== '' && !target.includes('\0')) ||
    target instanceof Writable ||
    (typeof target === 'object' && target !== null && (target as StreamSinkSpec).stream instanceof Writable);
  if (!validTarget) fail('target', 'must be a file path, a Writable or { stream, end? }');
  if (typeof options !== 'object' || options === null) fail('options', 'must be an object');
  for (const key of Object.keys(options)) if (!KNOWN_OPTIONS.has(key)) fail(key, 'is not an option of record()');
  const { format = 'v3', cols = 80, rows = 24, title } = options;
  if (format !== 'v2' && format !== 'v3') fail('format', `must be 'v2' or 'v3', not ${JSON.stringify(format)}`);
  if (!isTerminalSize(cols)) fail('cols', 'must be an integer from 1 to 65535');
  if (!isTerminalSize(rows)) fail('rows', 'must be an integer from 1 to 65535');
  if (title !== undefined && typeof title !== 'string') fail('title', 'must be a string');
  return { format, cols, rows, title };
}
