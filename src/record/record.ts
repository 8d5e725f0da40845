import { resolve } from 'node:path';
import { Observable, type MonoTypeOperatorFunction, type Subscription } from 'rxjs';
import { RecordingError } from '../errors.js';
import type { MuxEvent } from '../types.js';
import { AsciicastEncoder } from './asciicastEncoder.js';
import { checkRecordOptions, type RecordOptions, type RecordTarget } from './recordOptions.js';
import { RecordingSink } from './recordingSink.js';

// Text is handed to the destination in pieces of about this size (and at the end of each turn of the event loop).
const WRITE_SIZE = 64 * 1024;

/**
 * Writes the timeline passing through as an asciicast recording (v3 by default, v2 on request)
 * that asciinema and its web player play, while the events go on unchanged. The recording keeps
 * what a terminal recorder cannot: stderr apart from stdout (written as output, so players show
 * it, with a tag that `replay()` reads), the input pipemux wrote (`i`, with `echoInput: true`) and
 * the exit status (`x`).
 *
 * A path is opened (created or truncated) before the child is spawned: if it cannot be, the
 * timeline errors with a `RecordingError` naming it and the command is not run. Text is written
 * as it comes; while the destination is full it waits in memory, in order (nothing is dropped).
 * The recording is complete, flushed, and its file closed before the exit event passes on. A
 * write error (a full disk) errors the timeline with a `RecordingError` and kills the child.
 * Unsubscribing keeps what was recorded so far and closes the file.
 *
 * @example
 * ```ts
 * import { pipemux, record } from 'pipemux';
 *
 * pipemux('npm', ['test'], { stdin: 'y\n', echoInput: true })
 *   .pipe(record('npm-test.cast'))
 *   .subscribe((event) => {
 *     if (event.type === 'exit') console.log('recorded; asciinema play npm-test.cast');
 *   });
 * ```
 */
export function record<E extends MuxEvent>(target: RecordTarget, options?: RecordOptions): MonoTypeOperatorFunction<E> {
  const settings = checkRecordOptions(target, options);
  const label = typeof target === 'string' ? resolve(target) : 'the recording stream';
  return (source) =>
    new Observable<E>((subscriber) => {
      const encoder = new AsciicastEncoder(settings);
      let sink: RecordingSink | undefined;
      let sourceSubscription: Subscription | undefined;
      let command = '';
      let turnEndWrite: NodeJS.Immediate | undefined;
      let finishing: Promise<void> | undefined;

      const fail = (action: string, error: unknown) => {
        sourceSubscription?.unsubscribe();
        subscriber.error(recordingError(action, label, command, error));
      };
      const writeAtTurnEnd = () => {
        turnEndWrite ??= setImmediate(() => {
          turnEndWrite = undefined;
          sink?.write(encoder.take());
        });
      };
      // The recording's last text, then the destination flushed and closed; failures become RecordingErrors.
      const finishRecording = (writeTail: () => void): Promise<void> => {
        if (finishing !== undefined) return finishing;
        clearImmediate(turnEndWrite);
        writeTail();
        sink!.write(encoder.take());
        finishing = sink!.finish().catch((error: unknown) => fail('cannot write', error));
        return finishing;
      };

      RecordingSink.open(target, (error) => fail('cannot write', error)).then(
        (opened) => {
          if (subscriber.closed) return opened.release();
          sink = opened;
          sourceSubscription = source.subscribe({
            next: (event) => {
              encoder.add(event);
              if (event.type === 'spawn') command = event.command;
              if (event.type === 'exit') {
                void finishRecording(() => {}).then(() => subscriber.next(event));
                return;
              }
              if (encoder.pendingLength >= WRITE_SIZE) opened.write(encoder.take());
              else writeAtTurnEnd();
              subscriber.next(event);
            },
            error: (error: unknown) => void finishRecording(() => encoder.end()).then(() => subscriber.error(error)),
            complete: () => void finishRecording(() => encoder.end()).then(() => subscriber.complete()),
          });
        },
        (error: unknown) => fail('cannot open', error),
      );

      return () => {
        clearImmediate(turnEndWrite);
        sourceSubscription?.unsubscribe();
        if (sink === undefined) return;
        sink.write(encoder.take());
        sink.release();
      };
    });
}

function recordingError(action: string, label: string, command: string, error: unknown): RecordingError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = (error as Error).message ?? String(error);
  return new RecordingError(`${action} the recording ${label}: ${reason}`, { command, cwd: process.cwd(), path: label, code, cause: error });
}
