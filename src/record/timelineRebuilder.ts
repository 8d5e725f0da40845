import type { ExitEvent, FdReport, MuxEvent, OutputStreamName, SpawnEvent, TtyReport } from '../types.js';
import { SIGNAL_TAG_PREFIX, STDERR_TAG, TAG_CODE } from './asciicastFormat.js';
import type { LineFailure, RecordedEvent, RecordingHeader } from './asciicastParser.js';

/**
 * Turns a recording's events back into a timeline: a spawn event (pid 0: nothing runs), output,
 * input and, last, the exit. In line mode each `o` event gives one event per line (its `\r\n` or
 * `\n` removed); text after the last line end is a piece marked `partial`, as pipemux marks a
 * line that goes on in the next event. In chunk mode each `o` event is one Buffer as recorded.
 * pipemux's tags (`e` events, only in files whose header has the `pipemux` field) make the next
 * output stderr, or name the signal of the exit. Markers, resizes and unknown codes are skipped.
 */
export class TimelineRebuilder {
  private seq = 0;
  private tag: string | undefined;
  private exited = false;
  private lastTime = 0;

  constructor(
    private readonly header: RecordingHeader,
    private readonly mode: 'lines' | 'chunks',
  ) {}

  /** The first event: the command as recorded, and what the child had on fds 0-2 as far as the file tells. */
  spawn(): SpawnEvent {
    const { extension } = this.header;
    const tty = extension === undefined ? PTY_REPORT : (extension.tty ?? UNKNOWN_REPORT);
    return { type: 'spawn', pid: 0, command: this.header.command ?? '', tty, time: 0 };
  }

  /** Appends the timeline events of one recorded event to `out`. */
  add(event: RecordedEvent, out: MuxEvent[], fail: LineFailure): void {
    if (this.exited) fail(`an event after the exit event ("x")`);
    this.lastTime = event.time;
    const tag = this.tag;
    this.tag = undefined;
    switch (event.code) {
      case 'o':
        return this.addOutput(tag === STDERR_TAG ? 'stderr' : 'stdout', event, out);
      case 'i':
        out.push({ type: 'stdin', data: event.data, seq: this.seq++, time: event.time });
        return;
      case 'x':
        out.push(this.exitEvent(event, tag, fail));
        this.exited = true;
        return;
      case TAG_CODE:
        if (this.header.extension !== undefined) this.tag = event.data;
        return;
    }
  }

  /** The exit event when the recording has none (asciinema 2, or a recording cut short): status unknown. */
  end(): ExitEvent | undefined {
    if (this.exited) return undefined;
    return { type: 'exit', code: null, signal: null, timedOut: false, durationMs: this.lastTime, time: this.lastTime };
  }

  private addOutput(type: OutputStreamName, { data, time }: RecordedEvent, out: MuxEvent[]): void {
    if (this.mode === 'chunks') {
      out.push({ type, data: Buffer.from(data), seq: this.seq++, time });
      return;
    }
    let start = 0;
    for (let newline = data.indexOf('\n'); newline !== -1; newline = data.indexOf('\n', start)) {
      const end = newline > start && data.charCodeAt(newline - 1) === 0x0d ? newline - 1 : newline;
      out.push({ type, data: data.slice(start, end), seq: this.seq++, time });
      start = newline + 1;
    }
    if (start < data.length) out.push({ type, data: data.slice(start), seq: this.seq++, time, partial: true });
  }

  private exitEvent({ data, time }: RecordedEvent, tag: string | undefined, fail: LineFailure): ExitEvent {
    if (!/^\d+$/.test(data)) fail(`the exit status must be a whole number, not ${JSON.stringify(data)}`);
    const signal = tag?.startsWith(SIGNAL_TAG_PREFIX) ? tag.slice(SIGNAL_TAG_PREFIX.length) : null;
    return { type: 'exit', code: signal === null ? Number(data) : null, signal, timedOut: false, durationMs: time, time };
  }
}

const TERMINAL_FD: FdReport = { kind: 'tty', isatty: true };
/** A recording made by a terminal recorder (asciinema): the program ran on a pseudo-terminal. */
const PTY_REPORT: TtyReport = {
  stdin: TERMINAL_FD,
  stdout: TERMINAL_FD,
  stderr: TERMINAL_FD,
  controllingTerminal: true,
  parent: { stdin: false, stdout: false, stderr: false },
  source: 'config',
};
const UNKNOWN_FD: FdReport = { kind: 'unknown', isatty: false };
const UNKNOWN_REPORT: TtyReport = { ...PTY_REPORT, stdin: UNKNOWN_FD, stdout: UNKNOWN_FD, stderr: UNKNOWN_FD, controllingTerminal: false };
