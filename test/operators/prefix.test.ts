import { Subject, tap } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { pipemux, prefix, type MuxEvent, type PipemuxOptions, type PrefixOptions } from '../../src/index.js';
import { collect } from '../helpers/collect.js';
import { nodeFixture } from '../helpers/fixtures.js';

/** write-chunks.mjs arguments: `o:text` / `e:text` is written to stdout / stderr as one write; `--gap=MS` as is. */
const writeArgs = (pieces: readonly string[]) =>
  pieces.map((piece) => (piece.startsWith('--') ? piece : `${piece[0] === 'e' ? 'err' : 'out'}:${Buffer.from(piece.slice(2)).toString('hex')}`));
/** The data of each stream (`text…` for a partial piece). Streams apart: their relative order is the kernel's. */
const streamsOf = (events: readonly MuxEvent[]) => {
  const shown = { stdout: [] as string[], stderr: [] as string[] };
  for (const e of events) if (e.type === 'stdout' || e.type === 'stderr') shown[e.type].push(`${String(e.data)}${e.partial ? '…' : ''}`);
  return shown;
};

describe('prefix()', () => {
  it.each<{ name: string; prefixes: PrefixOptions; pieces: string[]; options?: PipemuxOptions; stdout: string[]; stderr: string[] }>([
    {
      name: "the recipe: prefix({ stderr: 'E: ' })",
      prefixes: { stderr: 'E: ' },
      pieces: ['o:found\n', 'e:denied\n', 'o:more\n'],
      stdout: ['found', 'more'],
      stderr: ['E: denied'],
    },
    { name: 'both streams', prefixes: { stdout: 'O: ', stderr: 'E: ' }, pieces: ['o:a\n', 'e:b\n'], stdout: ['O: a'], stderr: ['E: b'] },
    { name: 'empty lines get the prefix too', prefixes: { stderr: 'E: ' }, pieces: ['e:\n\n'], stdout: [], stderr: ['E: ', 'E: '] },
    {
      name: 'continuation pieces of a long line are not prefixed again',
      prefixes: { stdout: 'O: ', stderr: 'E: ' },
      pieces: ['e:abcdefghij\nxy\n', 'o:123456\n'],
      options: { maxLineLength: 4 },
      stdout: ['O: 1234…', '56'],
      stderr: ['E: abcd…', 'efgh…', 'ij', 'E: xy'],
    },
    {
      name: 'a long line on one stream does not keep the other from its prefix',
      prefixes: { stdout: 'O: ', stderr: 'E: ' },
      pieces: ['e:abcdef', 'o:x\n', 'e:\n'],
      options: { maxLineLength: 4 },
      stdout: ['O: x'],
      stderr: ['E: abcd…', 'ef'],
    },
  ])('$name', async ({ prefixes, pieces, options, stdout, stderr }) => {
    const events = await collect(pipemux(...nodeFixture('write-chunks.mjs', ...writeArgs(pieces)), options).pipe(prefix(prefixes)));
    expect(streamsOf(events)).toEqual({ stdout, stderr });
    // seq and time pass through untouched.
    expect(events.flatMap((e) => ('seq' in e ? [e.seq] : []))).toEqual([...stdout, ...stderr].map((_, i) => i));
  });

  it('a progress bar: the prefix again after each lone CR, also in continuation pieces', async () => {
    // The child writes the next step only when told, once the previous one came as a partial piece.
    const next = new Subject<string>();
    const timeline = pipemux(...nodeFixture('steps-on-input.mjs', ...writeArgs(['e:33%\r66%', 'e:\r90%', 'e:\r100%\r\n'])), {
      stdin: next,
      flushPartialAfter: 50,
    });
    const events = await collect(
      timeline.pipe(
        prefix({ stderr: 'E: ' }),
        tap((e) => e.type === 'stderr' && e.partial && next.next('\n')),
      ),
    );
    expect(streamsOf(events).stderr).toEqual(['E: 33%\rE: 66%…', '\rE: 90%…', '\rE: 100%']);
  });

  it('in chunk mode, puts the prefix before every chunk as bytes', async () => {
    const events = await collect(pipemux(...nodeFixture('write-chunks.mjs', 'err:ff0a'), { mode: 'chunks' }).pipe(prefix({ stderr: 'E: ' })));
    const stderr = events.flatMap((e) => (e.type === 'stderr' ? [e.data] : []));
    expect(stderr).toEqual([Buffer.from('E: \xff\n', 'latin1')]);
  });

  it('keeps no state between subscriptions (each run starts outside a line)', async () => {
    const timeline = pipemux(...nodeFixture('write-chunks.mjs', 'err:616263646566'), { maxLineLength: 4 }).pipe(prefix({ stderr: 'E: ' }));
    const first = streamsOf(await collect(timeline));
    const second = streamsOf(await collect(timeline));
    expect(first).toEqual({ stdout: [], stderr: ['E: abcd…', 'ef'] });
    expect(second).toEqual(first);
  });
});
