import type { MonoTypeOperatorFunction } from 'rxjs';
import { record } from '../record/record.js';
import type { MuxEvent } from '../types.js';

/** The CLI's recording settings (`--record FILE`, `--record-format v2|v3`). */
export interface RecordArgs {
  record?: string;
  recordFormat?: 'v2' | 'v3';
}

/** The recording flags; both take a value. */
export const RECORD_FLAGS = ['--record', '--record-format'] as const;

/** Stores a recording flag's value; returns what is wrong with it, if anything. */
export function applyRecordFlag(settings: RecordArgs, flag: (typeof RECORD_FLAGS)[number], value: string): string | undefined {
  if (flag === '--record') {
    if (value === '') return '--record needs a file name';
    settings.record = value;
    return undefined;
  }
  if (value !== 'v2' && value !== 'v3') return `--record-format takes v2 or v3, not ${JSON.stringify(value)}`;
  settings.recordFormat = value;
  return undefined;
}

/** What is wrong with the recording flags taken together, if anything. */
export function checkRecordArgs(settings: RecordArgs): string | undefined {
  return settings.recordFormat !== undefined && settings.record === undefined ? '--record-format goes with --record' : undefined;
}

/**
 * The record() step of the CLI's pipeline (nothing without `--record`). The header's terminal size
 * is our stdout's when it is a terminal, so the recording plays as it was seen.
 */
export function recordIfAsked(settings: RecordArgs, stdout: object): MonoTypeOperatorFunction<MuxEvent> {
  if (settings.record === undefined) return (source) => source;
  const terminal = stdout as { isTTY?: boolean; columns?: number; rows?: number };
  const size = terminal.isTTY && terminal.columns && terminal.rows ? { cols: terminal.columns, rows: terminal.rows } : {};
  return record(settings.record, { format: settings.recordFormat ?? 'v3', ...size });
}
