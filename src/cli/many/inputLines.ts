import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { Observable } from 'rxjs';
import type { InputMessage } from '../../many/types.js';

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

/**
 * Where one input line goes: concurrently's `name:text` / `index:text`, else the default target. A
 * name may hold colons itself (`--hosts` names a command `host:port`): the longest name the line
 * starts with, followed by a colon, wins.
 */
export function routeLine(line: string, names: readonly string[]): InputMessage {
  let named: string | undefined;
  for (const name of names) if (name.length > (named?.length ?? 0) && line.startsWith(`${name}:`)) named = name;
  if (named !== undefined) return { to: named, data: `${line.slice(named.length + 1)}\n` };
  const index = /^(\d+):/.exec(line)?.[1];
  if (index !== undefined && Number(index) < names.length) return { to: Number(index), data: `${line.slice(index.length + 1)}\n` };
  return { data: `${line}\n` };
}
