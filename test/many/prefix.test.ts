import { describe, expect, it } from 'vitest';
import { colorByName, muxAll, pipemux, prefix } from '../../src/index.js';
import { colorNameOf } from '../../src/operators/nameColor.js';
import { collect } from '../helpers/collect.js';
import { fixture, nodeFixture } from '../helpers/fixtures.js';
import { nodeJob, record } from './support.js';

/** write-chunks.mjs arguments for pieces written to stdout one by one. */
const outPieces = (...pieces: string[]) => ['--gap=5', ...pieces.map((piece) => `out:${Buffer.from(piece).toString('hex')}`)];

describe('prefix() templates on muxAll() timelines', () => {
  it('expands {name}, {index} and {pid} for each child', async () => {
    const jobs = [nodeJob('web', 'print-lines.mjs', ['2']), nodeJob('api', 'print-lines.mjs', ['1', 'stderr'])];
    const run = await record(muxAll(jobs).pipe(prefix({ stdout: '{name}#{index}@{pid}| ', stderr: '{name}! ' })));
    const pidOf = (name: string) => run.summary.children.find((child) => child.name === name)!.attempts[0]!.pid;
    const lines = (name: string) =>
      run.events.flatMap(({ event }) => (event.name === name && (event.type === 'stdout' || event.type === 'stderr') ? [event.data] : []));
    expect(lines('web')).toEqual([`web#0@${pidOf('web')}| line 0`, `web#0@${pidOf('web')}| line 1`]);
    expect(lines('api')).toEqual(['api! line 0']);
  });

  it('gives each restarted run its own {pid}', async () => {
    const run = await record(muxAll([nodeJob('flaky', 'exit-with.mjs', ['1'])], { restart: { tries: 1 } }).pipe(prefix({ stdout: '[{pid}] ' })));
    const pids = run.summary.children[0]!.attempts.map((attempt) => attempt.pid);
    expect(new Set(pids).size).toBe(2);
    expect(run.events.flatMap(({ event }) => (event.type === 'stdout' ? [event.data] : []))).toEqual(pids.map((pid) => `[${pid}] before exit`));
  });

  it("keeps track of long lines per child: one child's continuation does not swallow another's prefix", async () => {
    // Each child writes a line longer than maxLineLength in pieces; whatever the interleaving, each
    // line is prefixed once, on its first piece.
    const job = (name: string) => ({
      name,
      file: process.execPath,
      args: [fixture('write-chunks.mjs'), ...outPieces('abcdefgh', 'ij\n', 'kl\n')],
      options: { maxLineLength: 4 },
    });
    const run = await record(muxAll([job('a'), job('b')]).pipe(prefix({ stdout: '{name}> ' })));
    for (const name of ['a', 'b']) {
      const pieces = run.events.flatMap(({ event }) =>
        event.name === name && event.type === 'stdout' ? [`${String(event.data)}${event.partial ? '…' : ''}`] : [],
      );
      expect(pieces).toEqual([`${name}> abcd…`, 'efgh…', 'ij', `${name}> kl`]);
    }
  });

  it('leaves a placeholder it has no value for, and expands {pid} on a single timeline', async () => {
    const events = await collect(pipemux(...nodeFixture('print-lines.mjs', '1')).pipe(prefix({ stdout: '{name}:{pid} ' })));
    const spawn = events[0]!;
    expect(spawn.type).toBe('spawn');
    expect(events.flatMap((event) => (event.type === 'stdout' ? [event.data] : []))).toEqual([`{name}:${spawn.type === 'spawn' ? spawn.pid : ''} line 0`]);
  });

  it("colours each prefix with its name's colour, only when asked", async () => {
    const jobs = [nodeJob('web', 'print-lines.mjs', ['1']), nodeJob('api', 'print-lines.mjs', ['1'])];
    const colored = await record(muxAll(jobs).pipe(prefix({ stdout: '[{name}] ', color: true })));
    const plain = await record(muxAll(jobs).pipe(prefix({ stdout: '[{name}] ', color: { stdout: false } })));
    const lineOf = (run: typeof colored, name: string) =>
      run.events.flatMap(({ event }) => (event.name === name && event.type === 'stdout' ? [event.data] : []))[0];
    expect(lineOf(colored, 'web')).toBe(`${colorByName('web', '[web] ')}line 0`);
    expect(lineOf(colored, 'api')).toBe(`${colorByName('api', '[api] ')}line 0`);
    expect(lineOf(plain, 'web')).toBe('[web] line 0');
  });
});

describe('colours per name', () => {
  it('are stable: fixed by the name alone, the same every run', () => {
    // FNV-1a of the name picks from the palette: these never change between runs or machines.
    expect(['web', 'api', 'db', 'worker'].map(colorNameOf)).toEqual(['cyanBright', 'greenBright', 'yellow', 'greenBright']);
    expect(colorByName('web', '[web]')).toBe('\x1b[96m[web]\x1b[39m');
  });

  it('spread over the palette', () => {
    const names = Array.from({ length: 200 }, (_, i) => `job-${i}`);
    expect(new Set(names.map(colorNameOf)).size).toBe(10);
  });
});
