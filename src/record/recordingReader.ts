import { readFile } from 'node:fs/promises';
import { ReplayError } from '../errors.js';
import type { MuxEvent } from '../types.js';
import { EventLineParser, parseHeader, type LineFailure, type RecordingHeader } from './asciicastParser.js';
import { RecordingLines } from './recordingLines.js';
import { TimelineRebuilder } from './timelineRebuilder.js';

/**
 * A recording read back as timeline events, a few at a time (each call decodes only the lines it
 * needs). A line that is not asciicast throws a `ReplayError` naming the file and the line.
 */
export class RecordingReader {
  readonly header: RecordingHeader;
  private readonly lines: RecordingLines;
  private readonly parser: EventLineParser;
  private readonly rebuilder: TimelineRebuilder;
  private readonly fail: LineFailure;
  private started = false;
  private finished = false;

  constructor(
    private readonly path: string,
    bytes: Buffer,
    mode: 'lines' | 'chunks',
  ) {
    this.lines = new RecordingLines(bytes);
    this.fail = (problem) => {
      throw new ReplayError(`${path}:${this.lines.lineNumber}: ${problem}`, {
        command: this.header?.command ?? '',
        cwd: process.cwd(),
        path,
        line: this.lines.lineNumber,
      });
    };
    const first = this.lines.next();
    if (first === undefined) throw new ReplayError(`${path}: the recording is empty`, { command: '', cwd: process.cwd(), path, line: 1 });
    this.header = parseHeader(first, this.fail);
    this.parser = new EventLineParser(this.header.version);
    this.rebuilder = new TimelineRebuilder(this.header, mode);
  }

  /** Appends the next events to `out` (at least one unless the recording ended); false at the end. */
  readInto(out: MuxEvent[]): boolean {
    if (this.finished) return false;
    if (!this.started) {
      this.started = true;
      out.push(this.rebuilder.spawn());
      return true;
    }
    const before = out.length;
    while (out.length === before) {
      const line = this.lines.next();
      if (line === undefined) {
        const exit = this.rebuilder.end();
        if (exit !== undefined) out.push(exit);
        this.finished = true;
        return out.length > before;
      }
      const event = this.parser.parse(line, this.fail);
      if (event !== undefined) this.rebuilder.add(event, out, this.fail);
    }
    return true;
  }
}

/** Reads a recording's bytes; a file that cannot be read rejects with a `ReplayError` naming it. */
export function readRecording(path: string): Promise<Buffer> {
  return readFile(path).catch((error: NodeJS.ErrnoException) => {
    throw new ReplayError(`cannot read the recording ${path}: ${error.message}`, {
      command: '',
      cwd: process.cwd(),
      path,
      line: undefined,
      code: error.code,
      cause: error,
    });
  });
}
