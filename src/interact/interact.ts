import { InteractSession } from './interactSession.js';
import type { InteractOptions } from './types.js';

/**
 * Starts `file` with piped stdio and returns a session to drive it as a person would at a terminal,
 * without a terminal: `expect()` a prompt, `sendLine()` an answer (pexpect's `PopenSpawn`, for Node).
 *
 * The child starts at once. `expect()` searches the text that arrived since the previous match
 * (stdout and stderr in arrival order, or one stream), across chunk and line boundaries, including a
 * prompt without a newline; a failed `expect()` rejects with `ExpectTimeoutError` or `ExpectEofError`
 * and leaves the child running. `close()` ends the child; always call it (or `await using`).
 * Options are those of `pipemux()` (no shell unless `shell` is set) except `mode`, `stdin` and
 * `echoInput`, which the session owns, plus `maxBuffer`, `expectTimeout` and `maxQueuedInput`.
 *
 * @throws InvalidOptionError at once for a bad option; runtime failures (command not found, …)
 * reject `expect()` and `exited` with the typed error.
 *
 * @example
 * ```ts
 * import { interact } from 'pipemux';
 *
 * // -u: Python prints as it goes instead of when a statement ends (its stdout is a pipe, not a terminal)
 * const py = interact('python3', ['-q', '-i', '-u']);
 * try {
 *   await py.expect('>>> ');                        // the prompt comes on stderr, without a newline
 *   py.sendLine('6 * 7');
 *   const { match } = await py.expect(/^(\d+)\n/m, { stream: 'stdout', timeout: 2000 });
 *   console.log(match[1]);                          // '42'
 *   py.end();                                       // EOF: the REPL exits
 *   console.log((await py.exited).code);            // 0
 * } finally {
 *   await py.close();                               // ends the child if it still runs
 * }
 * ```
 */
export function interact(file: string, args?: readonly string[], options?: InteractOptions): InteractSession {
  return new InteractSession(file, args, options);
}
