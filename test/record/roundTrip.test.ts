import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pipemux, record, replay, type MuxEvent } from '../../src/index.js';
import { collect, dataOf, exitOf } from '../helpers/collect.js';
import { nodeFixture } from '../helpers/fixtures.js';
import { useTempDir } from '../helpers/tempDir.js';
import { piece } from './helpers.js';

const dir = useTempDir('pipemux-round-trip-test-');

// A session with everything the issue lists: stdout, stderr, injected input (answered), a
// multibyte character split across two writes, a CRLF line, a line longer than maxLineLength
// (pieces marked partial), a last line without a newline, and exit code 3.
const SESSION = nodeFixture(
  'answer-then-write.mjs',
  '3',
  '--gap=2',
  piece('out', 'plain line\n'),
  piece('err', 'warning: careful\n'),
  piece('out', Buffer.from([0xc3])),
  piece('out', Buffer.concat([Buffer.from([0xa9]), Buffer.from(' split across writes\n')])),
  piece('out', 'crlf line\r\n'),
  piece('err', `${'x'.repeat(70)}\n`),
  piece('out', 'the end, no newline'),
);
const OPTIONS = { stdin: 'hello from pipemux\n', echoInput: true, maxLineLength: 32 } as const;

/**
 * What the round trip must keep of each event; times rounded to the µs the file holds, and never
 * going back (as in the file: a last line without newline is stamped with the read that brought
 * it, and may come after a later read of the other stream).
 */
function comparable(events: MuxEvent[]) {
  let latest = 0;
  return events.map((event) => {
    latest = Math.max(latest, Math.round(event.time * 1000) / 1000);
    const time = latest;
    switch (event.type) {
      case 'spawn':
        return { type: event.type, command: event.command, tty: event.tty, time: 0 };
      case 'exit':
        return { type: event.type, code: event.code, signal: event.signal, time };
      default:
        return { type: event.type, data: String(event.data), seq: event.seq, partial: 'partial' in event ? event.partial : undefined, time };
    }
  });
}

describe('record() then replay()', () => {
  it.each(['v3', 'v2'] as const)('gives back the same timeline in line mode (%s)', async (format) => {
    const path = join(dir(), `session-${format}.cast`);
    const live = await collect(pipemux(...SESSION, OPTIONS).pipe(record(path, { format })));
    const replayed = await collect(replay(path, { speed: Infinity }));

    // The session really had what it is meant to test.
    expect(dataOf(live, 'stderr')).toEqual(['warning: careful', 'x'.repeat(32), 'x'.repeat(32), 'x'.repeat(6)]);
    expect(dataOf(live, 'stdout')).toEqual(['you said hello from pipemux', 'plain line', 'é split across writes', 'crlf line', 'the end, no newline']);
    expect(live.filter((e) => e.type === 'stdin').map((e) => String(e.data))).toEqual(['hello from pipemux\n']);
    expect(exitOf(live).code).toBe(3);

    expect(comparable(replayed)).toEqual(comparable(live));
  });

  it("gives back each stream's text in chunk mode: the split character decoded, line ends as a terminal gets them", async () => {
    const path = join(dir(), 'session-chunks.cast');
    const live = await collect(pipemux(...SESSION, { ...OPTIONS, mode: 'chunks' }).pipe(record(path)));
    const replayed = await collect(replay(path, { speed: Infinity, mode: 'chunks' }));
    const textOf = (events: MuxEvent[], type: 'stdout' | 'stderr') =>
      Buffer.concat(events.flatMap((e) => (e.type === type ? [Buffer.from(e.data)] : []))).toString('utf8');
    for (const type of ['stdout', 'stderr'] as const) expect(textOf(replayed, type)).toBe(textOf(live, type).replace(/\r?\n/g, '\r\n'));
    expect(textOf(replayed, 'stdout')).toContain('é split across writes\r\ncrlf line\r\nthe end, no newline');
    expect(replayed.filter((e) => e.type === 'stdin').map((e) => String(e.data))).toEqual(['hello from pipemux\n']);
    expect(exitOf(replayed).code).toBe(3);
  });
});
