import { Writable } from 'node:stream';
import { Subject } from 'rxjs';
import { pipemux, type MuxEvent, type OutputStreamName, type PipemuxOptions } from '../../../src/index.js';

/** Bytes the child writes to one of its streams with one write(2). */
export interface Piece {
  stream: OutputStreamName;
  bytes: Buffer;
}

/** What came of a piecewise run. */
export interface PiecewiseRun {
  events: MuxEvent[];
  error: unknown;
  /** The chunks as pipemux read them (seen through a tee sink), per stream. */
  chunks: Record<OutputStreamName, Buffer[]>;
  /** Set when the run did not end within the deadline (it was then unsubscribed, so the child was killed). */
  timedOut: boolean;
}

// A shell loop: each input line is "o" or "e" and a printf format of octal escapes; dash's printf is
// a builtin whose output goes out in one write(2) per command.
const WRITER = 'while IFS= read -r cmd; do case $cmd in o*) printf "${cmd#o}";; e*) printf "${cmd#e}" >&2;; esac; done';

const toCommand = ({ stream, bytes }: Piece) =>
  `${stream === 'stdout' ? 'o' : 'e'}${[...bytes].map((byte) => `\\${byte.toString(8).padStart(3, '0')}`).join('')}\n`;

/**
 * Runs a real child (`sh`) that writes `pieces` in order, each with one write(2), and writes the next
 * piece only after pipemux has read the previous one: we tell it through its stdin when a tee sink
 * (which gets every chunk right before it is decoded) has seen the whole piece. So every piece is
 * exactly one read on our side: the chunk boundaries are the pieces', not the scheduler's.
 */
export function runPiecewise(pieces: readonly Piece[], options: Omit<PipemuxOptions, 'stdin' | 'tee'> = {}, deadlineMs = 30_000): Promise<PiecewiseRun> {
  const commands = new Subject<string>();
  const chunks: Record<OutputStreamName, Buffer[]> = { stdout: [], stderr: [] };
  let next = 0;
  let outstanding = 0;
  const sendNext = () => {
    const piece = pieces[next++];
    if (piece === undefined) return commands.complete(); // EOF: the loop ends, the shell exits
    outstanding = piece.bytes.length;
    commands.next(toCommand(piece));
  };
  const ack = (stream: OutputStreamName) =>
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks[stream].push(chunk);
        if (pieces[next - 1]?.stream === stream) {
          outstanding -= chunk.length;
          if (outstanding <= 0) sendNext();
        }
        callback();
      },
    });
  return new Promise((resolve) => {
    const events: MuxEvent[] = [];
    let done = false;
    const finish = (error: unknown, timedOut = false) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ events, error, chunks, timedOut });
    };
    const subscription = pipemux('sh', ['-c', WRITER], { ...options, stdin: commands, tee: { stdout: ack('stdout'), stderr: ack('stderr') } }).subscribe({
      next: (event) => events.push(event),
      error: (error: unknown) => finish(error),
      complete: () => finish(undefined),
    });
    const timer = setTimeout(() => {
      subscription.unsubscribe();
      finish(undefined, true);
    }, deadlineMs);
    sendNext();
  });
}
