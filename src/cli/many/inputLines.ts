import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { Observable } from 'rxjs';
import type { ChildRef, InputMessage } from '../../many/types.js';

/**
 * Our stdin as routed input, line by line: `name:text` (or `index:text`) goes to that child as
 * `text\n`; any other line goes whole to the default target. The end of our stdin is EOF for
 * every child. Unsubscribing stops reading (so the process can exit while a terminal is idle).
 */
export function inputLines(stdin: Readable, names: readonly string[]): Observable<InputMessage> {
  return new Observable<InputMessage>((subscriber) => {
    const lines = createInterface({ input: stdin, crlfDelay: Infinity, terminal: false });
    lines.on('line', (line) => subscriber.next(routeLine(line, names)));
    lines.on('close', () => subscriber.complete());
    // A stdin that cannot be read (fd 0 closed) is no input at all.
    const onError = () => subscriber.complete();
    stdin.on('error', onError);
    return () => {
      stdin.off('error', onError);
      lines.removeAllListeners('close');
      lines.close();
      stdin.pause();
    };
  });
}

/** Where one input line goes: concurrently's `name:text` / `index:text`, else the default target. */
export function routeLine(line: string, names: readonly string[]): InputMessage {
  const colon = line.indexOf(':');
  if (colon > 0) {
    const target = line.slice(0, colon);
    const to: ChildRef | undefined = names.includes(target) ? target : /^\d+$/.test(target) && Number(target) < names.length ? Number(target) : undefined;
    if (to !== undefined) return { to, data: `${line.slice(colon + 1)}\n` };
  }
  return { data: `${line}\n` };
}
