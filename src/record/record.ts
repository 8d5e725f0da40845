import { resolve } from 'node:path';
import { catchError, concat, concatWith, defer, EMPTY, filter, from, mergeMap, Observable, of, throwError, type MonoTypeOperatorFunction } from 'rxjs';
import { RecordingError } from '../errors.js';
import type { ExitEvent, MuxEvent } from '../types.js';
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
 * write error (a full disk), or a caller's Writable ended or destroyed under it, errors the
 * timeline with a `RecordingError` and kills the child. Unsubscribing keeps what was recorded so
 * far and closes the file (a named pipe at once, dropping what its reader has not taken).
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
  const label = typeof target === 'string' ? resolve(target) : 'stream';
  return (source) =>
    new Observable<E>((subscriber) => {
      const encoder = new AsciicastEncoder(settings);
      let sink: RecordingSink | undefined;
      let turnEndWrite: NodeJS.Immediate | undefined;
      let finishing: Promise<void> | undefined;
      let exit: (E & ExitEvent) | undefined;

      const failure = (action: string, error: unknown) => recordingError(action, label, encoder.command, error);
      const writeTurnEnd = () => {
        turnEndWrite = undefined;
        sink?.write(encoder.take());
      };
      // Every event goes into the recording; the exit event waits until the recording is closed.
      const recordEvent = (event: E): boolean => {
        encoder.add(event);
        if (event.type === 'exit') {
          exit = event as E & ExitEvent;
          return false;
        }
        if (encoder.pendingLength >= WRITE_SIZE) sink!.write(encoder.take());
        else turnEndWrite ??= setImmediate(writeTurnEnd);
        return true;
      };
      // The recording's last text, then the destination flushed and closed; then the exit event, if there was one.
      const finishThenExit = () =>
        defer(() => {
          if (finishing === undefined) {
            clearImmediate(turnEndWrite);
            if (exit === undefined) encoder.end();
            sink!.write(encoder.take());
            finishing = sink!.finish().catch((error: unknown) => Promise.reject(failure('cannot write', error)));
          }
          return from(finishing).pipe(mergeMap(() => (exit === undefined ? EMPTY : of(exit))));
        });

      RecordingSink.open(target, (error) => subscriber.error(failure('cannot write', error))).then(
        (opened) => {
          if (subscriber.closed) return opened.release();
          sink = opened;
          // Plain operators, and the subscriber itself at the end: no extra wrapping on the path of every event.
          source
            .pipe(
              filter(recordEvent),
              concatWith(finishThenExit()),
              // An error of the timeline: close the recording (and give the exit event, if it came) before passing it on.
              catchError((error: unknown) =>
                finishing !== undefined
                  ? throwError(() => error)
                  : concat(
                      finishThenExit(),
                      throwError(() => error),
                    ),
              ),
            )
            .subscribe(subscriber);
        },
        (error: unknown) => subscriber.error(failure('cannot open', error)),
      );

      return () => {
        clearImmediate(turnEndWrite);
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
