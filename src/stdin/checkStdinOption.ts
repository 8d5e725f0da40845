import { isAbsolute, resolve } from 'node:path';
import type { StdinOption } from '../types.js';
import { classifySource, isFifoStdin } from './stdinSource.js';

const FIFO_KEYS = ['fifo', 'source', 'dir'];
const SOURCE_KINDS = 'a string, a Buffer, an iterable, an async iterable or an Observable';

/** Checks the `stdin` option; returns what is wrong with it, or `undefined`. */
export function checkStdinOption(value: unknown): string | undefined {
  if (value === 'ignore' || value === 'inherit') return undefined;
  // execa's 'pipe' would silently become the text "pipe" here: say so instead.
  if (value === 'pipe' || value === 'overlapped') return `is not a mode here: give the data to write (${SOURCE_KINDS}), or a Buffer to send this text`;
  if (isFifoStdin(value)) return checkFifoStdin(value as unknown as Record<string, unknown>);
  if (classifySource(value) !== undefined) return undefined;
  return `must be 'ignore', 'inherit', ${SOURCE_KINDS}, or { fifo: true, source?, dir? }`;
}

function checkFifoStdin(value: Record<string, unknown>): string | undefined {
  const unknownKey = Object.keys(value).find((key) => !FIFO_KEYS.includes(key));
  if (unknownKey !== undefined) return `has an unknown key ${JSON.stringify(unknownKey)} (allowed: ${FIFO_KEYS.join(', ')})`;
  if (value['fifo'] !== true) return 'fifo must be true';
  if (value['source'] !== undefined && classifySource(value['source']) === undefined) return `source must be ${SOURCE_KINDS}`;
  const { dir } = value;
  if (dir !== undefined && (typeof dir !== 'string' || dir === '')) return 'dir must be a non-empty string';
  return undefined;
}

/**
 * The checked `stdin` option with a relative FIFO `dir` made absolute now, at call time: a chdir
 * later (before or during the run) must move neither the FIFO nor its removal.
 */
export function resolveFifoDir(stdin: StdinOption | undefined): StdinOption | undefined {
  if (!isFifoStdin(stdin) || stdin.dir === undefined || isAbsolute(stdin.dir)) return stdin;
  return { ...stdin, dir: resolve(stdin.dir) };
}
