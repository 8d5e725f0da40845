import { EXTENSION_FIELD, type HeaderExtension } from './asciicastFormat.js';

/** What replay needs from a recording's header (line 1). */
export interface RecordingHeader {
  version: 2 | 3;
  cols: number;
  rows: number;
  command: string | undefined;
  /** The `pipemux` field: present when pipemux made the recording (its `e` events are then tags). */
  extension: HeaderExtension | undefined;
}

/** One event line: its absolute time (ms since the start, whole µs), code and data. */
export interface RecordedEvent {
  time: number;
  code: string;
  data: string;
}

/** Reports what is wrong with the current line; never returns. */
export type LineFailure = (problem: string) => never;

/** Reads line 1: an asciicast v2 or v3 header. */
export function parseHeader(line: string, fail: LineFailure): RecordingHeader {
  const header = parseJson(line.replace(/^\uFEFF/, ''), fail, 'the header is not JSON');
  if (typeof header !== 'object' || header === null || Array.isArray(header)) fail('the header must be a JSON object (asciicast v2 or v3)');
  const fields = header as Record<string, unknown>;
  if (fields.version !== 2 && fields.version !== 3) {
    fail(
      fields.version === undefined
        ? 'not an asciicast v2 or v3 header (no version)'
        : `asciicast version ${JSON.stringify(fields.version)} is not supported (only 2 and 3)`,
    );
  }
  const term = (fields.version === 3 ? fields.term : fields) as Record<string, unknown> | undefined;
  const [cols, rows] = fields.version === 3 ? [term?.cols, term?.rows] : [fields.width, fields.height];
  if (!isCount(cols) || !isCount(rows))
    fail(fields.version === 3 ? 'the header needs term.cols and term.rows (whole numbers)' : 'the header needs width and height (whole numbers)');
  const extension = fields[EXTENSION_FIELD];
  return {
    version: fields.version,
    cols: cols as number,
    rows: rows as number,
    command: typeof fields.command === 'string' ? fields.command : undefined,
    extension: typeof extension === 'object' && extension !== null ? extension : undefined,
  };
}

/**
 * Reads event lines: `[time, code, data]`, time in seconds (v2: since the start; v3: since the
 * previous event). Absolute times are summed in whole microseconds, so they do not drift.
 * Blank lines and v3 comments (`#`) give undefined.
 */
export class EventLineParser {
  private micros = 0;

  constructor(private readonly version: 2 | 3) {}

  parse(line: string, fail: LineFailure): RecordedEvent | undefined {
    if (line.trim() === '' || (this.version === 3 && line.startsWith('#'))) return undefined;
    const event = parseJson(line, fail, 'not JSON');
    if (!Array.isArray(event) || event.length !== 3) fail('an event must be a JSON array [time, code, data]');
    const [time, code, data] = event as unknown[];
    if (typeof time !== 'number' || !Number.isFinite(time) || time < 0) fail(`the time must be a number of seconds >= 0, not ${JSON.stringify(time)}`);
    if (typeof code !== 'string' || code === '') fail(`the event code must be a non-empty string, not ${JSON.stringify(code)}`);
    if (typeof data !== 'string') fail(`the event data must be a string, not ${JSON.stringify(data)}`);
    const micros = Math.round(time * 1_000_000);
    this.micros = this.version === 3 ? this.micros + micros : micros;
    return { time: this.micros / 1000, code: code, data: data };
  }
}

function parseJson(text: string, fail: LineFailure, problem: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    return fail(`${problem} (${(error as Error).message})`);
  }
}

function isCount(value: unknown): boolean {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}
