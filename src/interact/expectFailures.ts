import { ExpectEofError, ExpectTimeoutError } from '../errors.js';
import type { ExitEvent } from '../types.js';
import type { PendingExpect } from './pendingExpect.js';

/** Longest unmatched tail quoted in an error message (the error's `before` has it all). */
const TAIL_IN_MESSAGE = 200;

/** The command and directory errors name. */
export interface ErrorContext {
  command: string;
  cwd: string;
}

/** The expect found no match in time. */
export function expectTimedOut(pending: PendingExpect, before: string, context: ErrorContext): ExpectTimeoutError {
  const message = `${describeExpect(pending)} found no match within ${pending.timeout} ms; unmatched ${describeView(pending)}: ${quoteTail(before)}`;
  return new ExpectTimeoutError(message, { ...context, pattern: pending.given, stream: streamOf(pending), before, timeout: pending.timeout });
}

/** The child exited, and all its output was searched, without a match. */
export function expectHitEof(pending: PendingExpect, before: string, exit: ExitEvent, context: ErrorContext): ExpectEofError {
  const how = exit.signal === null ? `exited with code ${exit.code}` : `was killed by ${exit.signal}`;
  const message = `${how} before ${describeExpect(pending)} matched; unmatched ${describeView(pending)}: ${quoteTail(before)}`;
  return new ExpectEofError(message, { ...context, pattern: pending.given, stream: streamOf(pending), before, exitCode: exit.code, signal: exit.signal });
}

function describeExpect(pending: PendingExpect): string {
  const patterns = Array.isArray(pending.given) ? `[${pending.given.map(describePattern).join(', ')}]` : describePattern(pending.given as string | RegExp);
  return `expect(${patterns})`;
}

function describePattern(pattern: string | RegExp): string {
  return typeof pattern === 'string' ? JSON.stringify(pattern) : String(pattern);
}

function describeView(pending: PendingExpect): string {
  return pending.view === 'all' ? 'output' : pending.view;
}

function streamOf(pending: PendingExpect): 'stdout' | 'stderr' | undefined {
  return pending.view === 'all' ? undefined : pending.view;
}

/** The end of the unmatched text, quoted, with a mark when it was cut. */
function quoteTail(text: string): string {
  if (text === '') return '(none)';
  return text.length <= TAIL_IN_MESSAGE ? JSON.stringify(text) : `…${JSON.stringify(text.slice(-TAIL_IN_MESSAGE))}`;
}
