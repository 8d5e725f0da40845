import { constants } from 'node:os';
import { StringDecoder } from 'node:string_decoder';
import type { ExitEvent, MuxEvent, OutputEvent, OutputStreamName, SpawnEvent, StdinEvent } from '../types.js';
import { EXTENSION_FIELD, formatSeconds, SIGNAL_TAG_PREFIX, STDERR_TAG, TAG_CODE, type HeaderExtension } from './asciicastFormat.js';
import type { RecordSettings } from './recordOptions.js';
import { JsonLineBuilder } from './jsonLineBuilder.js';
import { TerminalText } from './terminalText.js';

// An open output event is closed at this size (bytes), so a flood of lines makes events of bounded size.
const MAX_GROUP_LENGTH = 64 * 1024;

/**
 * Turns a timeline into asciicast text, event by event; pure (no I/O), so `take()` decides when
 * text is written. Consecutive lines of one stream that share a `time` (they came in one read)
 * become one `o` event, as a terminal recorder would see them, each line ending with `\r\n`; a
 * `partial` piece is an `o` event of its own, without a line end. Every time is the event's own,
 * rounded to whole microseconds; v3 intervals are differences of those rounded times, so they
 * never drift.
 */
export class AsciicastEncoder {
  private readonly out = new JsonLineBuilder();
  private headerWritten = false;
  /** Time of the last event written, in whole µs (times never go backwards in the file). */
  private lastMicros = 0;
  /** The open output event: its stream and time, and where its text starts in `out`. */
  private groupStream: OutputStreamName | undefined;
  private groupTime = 0;
  private groupStart = 0;
  private readonly chunkText: Record<OutputStreamName, TerminalText> = { stdout: new TerminalText(), stderr: new TerminalText() };
  private readonly inputDecoder = new StringDecoder('utf8');
  private spawnCommand = '';

  constructor(
    private readonly settings: RecordSettings,
    private readonly wallClock: () => number = Date.now,
  ) {}

  /** The command of the spawn event ('' before it). */
  get command(): string {
    return this.spawnCommand;
  }

  /** How many bytes are waiting (written or in the open event). */
  get pendingLength(): number {
    return this.out.length;
  }

  /** Adds one event of the timeline. */
  add(event: MuxEvent): void {
    // The common case first: one more line of the open output event (same stream, same read).
    if (event.type === this.groupStream && event.time === this.groupTime && typeof event.data === 'string' && event.partial !== true) {
      this.out.appendLine(event.data);
      if (this.out.length - this.groupStart >= MAX_GROUP_LENGTH) this.closeGroup();
      return;
    }
    switch (event.type) {
      case 'stdout':
      case 'stderr':
        return this.addOutput(event);
      case 'spawn':
        return this.writeHeader(event);
      case 'stdin':
        return this.addInput(event);
      case 'exit':
        return this.addExit(event);
    }
  }

  /** Closes the open output event and hands over the recording's bytes so far (the header first), as UTF-8. */
  take(): Buffer {
    this.closeGroup();
    return this.out.take();
  }

  /** The timeline ended without an exit event: writes what the decoders still hold. */
  end(): void {
    if (!this.headerWritten) this.writeHeader(undefined);
    this.flushDecoders(this.lastMicros / 1000);
  }

  /** Output that does not continue the open event: a chunk, a partial piece, or a line that starts a new event. */
  private addOutput(event: OutputEvent): void {
    const { data } = event;
    if (!this.headerWritten) this.writeHeader(undefined);
    this.closeGroup();
    if (typeof data !== 'string') {
      this.writeOutput(event.type, event.time, this.chunkText[event.type].decode(data));
    } else if (event.partial) {
      this.writeOutput(event.type, event.time, data);
    } else {
      this.openOutput(event.type, event.time);
      this.out.appendLine(data);
      this.groupStream = event.type;
      this.groupTime = event.time;
    }
  }

  private addInput(event: StdinEvent): void {
    if (!this.headerWritten) this.writeHeader(undefined);
    this.closeGroup();
    const text = typeof event.data === 'string' ? event.data : this.inputDecoder.write(event.data);
    if (text !== '') this.writeEvent(event.time, 'i', text);
  }

  private addExit(event: ExitEvent): void {
    if (!this.headerWritten) this.writeHeader(undefined);
    this.flushDecoders(event.time);
    if (event.signal !== null) this.writeEvent(event.time, TAG_CODE, SIGNAL_TAG_PREFIX + event.signal);
    this.writeEvent(event.time, 'x', String(exitStatusOf(event)));
  }

  private flushDecoders(time: number): void {
    this.closeGroup();
    this.writeOutput('stdout', time, this.chunkText.stdout.end());
    this.writeOutput('stderr', time, this.chunkText.stderr.end());
    const input = this.inputDecoder.end();
    if (input !== '') this.writeEvent(time, 'i', input);
  }

  /** A whole `o` event (after the stderr tag when it is stderr). */
  private writeOutput(stream: OutputStreamName, time: number, text: string): void {
    if (text === '') return;
    this.openOutput(stream, time);
    this.out.appendEscaped(text);
    this.out.appendRaw('"]\n');
  }

  /** The start of an `o` event, up to its opening quote; the text and `"]` follow. */
  private openOutput(stream: OutputStreamName, time: number): void {
    if (stream === 'stderr') this.writeEvent(time, TAG_CODE, STDERR_TAG);
    this.out.appendRaw(`[${this.timeField(time)}, "o", "`);
    this.groupStart = this.out.length;
  }

  private closeGroup(): void {
    if (this.groupStream === undefined) return;
    this.out.appendRaw('"]\n');
    this.groupStream = undefined;
  }

  private writeEvent(timeMs: number, code: string, data: string): void {
    this.out.appendRaw(`[${this.timeField(timeMs)}, "${code}", ${JSON.stringify(data)}]\n`);
  }

  /** v2: seconds since the start; v3: seconds since the previous event. Both from whole µs. */
  private timeField(timeMs: number): string {
    const micros = Math.max(this.lastMicros, Math.round(timeMs * 1000) || 0);
    const field = formatSeconds(this.settings.format === 'v3' ? micros - this.lastMicros : micros);
    this.lastMicros = micros;
    return field;
  }

  private writeHeader(spawn: SpawnEvent | undefined): void {
    if (this.headerWritten) return;
    this.headerWritten = true;
    this.spawnCommand = spawn?.command ?? '';
    const { format, cols, rows, title } = this.settings;
    // The wall-clock time of the spawn, in whole seconds as asciicast has it.
    const timestamp = Math.floor((this.wallClock() - (spawn?.time ?? 0)) / 1000);
    const extension: HeaderExtension = spawn === undefined ? {} : { tty: spawn.tty };
    const size = format === 'v3' ? { term: { cols, rows } } : { width: cols, height: rows };
    const header = {
      version: format === 'v3' ? 3 : 2,
      ...size,
      timestamp,
      ...(spawn === undefined ? {} : { command: spawn.command }),
      ...(title === undefined ? {} : { title }),
      [EXTENSION_FIELD]: extension,
    };
    this.out.appendRaw(`${JSON.stringify(header)}\n`);
  }
}

/** The status a shell reports: the exit code, or 128+n for signal n. */
function exitStatusOf(exit: ExitEvent): number {
  if (exit.code !== null) return exit.code;
  return 128 + (constants.signals[exit.signal as NodeJS.Signals] ?? 0);
}
