import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LineTooLongError, pipemux, type MuxEvent } from '../../src/index.js';
import { collect, collectSettled, exitOf } from '../helpers/collect.js';
import { fixture, nodeFixture } from '../helpers/fixtures.js';
import { isAlive } from '../helpers/processes.js';

const MiB = 1024 * 1024;
/** Arguments of write-chunks.mjs: `--gap=MS` as is, and each piece as its own write to stdout. */
const writeArgs = (args: readonly (string | Buffer)[]) =>
  args.map((arg) => (typeof arg === 'string' && arg.startsWith('--') ? arg : `out:${Buffer.from(arg).toString('hex')}`));
const bytewise = (text: string) => [...Buffer.from(text)].map((byte) => Buffer.of(byte));
/** Output events as `text` or `text…` when partial, for tables that read like the output. */
const shown = (events: readonly MuxEvent[]) =>
  events.flatMap((e) => (e.type === 'stdout' || e.type === 'stderr' ? [`${e.data as string}${e.partial ? '…' : ''}`] : []));

/** The line long-line.mjs writes: "0123456789" repeated, cut to `bytes`; hashed without building it whole. */
function sha256OfPattern(bytes: number): string {
  const block = Buffer.from('0123456789'.repeat(100_000)); // a multiple of 10 bytes, so blocks join seamlessly
  const hash = createHash('sha256');
  for (let at = 0; at < bytes; at += block.length) hash.update(block.subarray(0, Math.min(block.length, bytes - at)));
  return hash.digest('hex');
}

/** CPU time this process has used, in ms: unlike wall time, it hardly depends on what else the machine runs. */
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Runs long-line.mjs, hashing the pieces as they come (nothing kept); returns our CPU time and what came. */
function runLongLine(bytes: number): Promise<{ cpuMs: number; hash: string; pieces: { length: number; partial: boolean }[] }> {
  const hash = createHash('sha256');
  const pieces: { length: number; partial: boolean }[] = [];
  const started = cpuMs();
  return new Promise((resolve, reject) => {
    pipemux(...nodeFixture('long-line.mjs', String(bytes))).subscribe({
      next: (event) => {
        if (event.type !== 'stdout') return;
        hash.update(event.data);
        pieces.push({ length: event.data.length, partial: event.partial === true });
      },
      error: reject,
      complete: () => resolve({ cpuMs: cpuMs() - started, hash: hash.digest('hex'), pieces }),
    });
  });
}

// Property 2, long lines: the documented policy, in linear time and bounded memory.
describe('long lines', () => {
  it.each<{ name: string; args: (string | Buffer)[]; pieces: string[] }>([
    { name: 'a longer line comes in pieces marked partial', args: ['abcdefghij\nxy\n'], pieces: ['abcd…', 'efgh…', 'ij', 'xy'] },
    { name: 'a line of exactly the limit is whole', args: ['abcd\nabcde\n'], pieces: ['abcd', 'abcd…', 'e'] },
    { name: 'multibyte characters are never torn', args: ['--gap=1', ...bytewise('€€€\n')], pieces: ['€…', '€…', '€'] },
    { name: 'CRLF is not split between pieces', args: ['--gap=2', 'abcd\r', '\nabcdefgh\r', '\n'], pieces: ['abcd', 'abcd…', 'efgh'] },
    { name: 'a final line without newline', args: ['abcdefghij'], pieces: ['abcd…', 'efgh…', 'ij'] },
  ])('split policy (maxLineLength 4): $name', async ({ args, pieces }) => {
    const events = await collect(pipemux(...nodeFixture('write-chunks.mjs', ...writeArgs(args)), { maxLineLength: 4 }));
    expect(shown(events)).toEqual(pieces);
    expect(events.filter((e) => e.type === 'stdout' && !e.partial).every((e) => !('partial' in e))).toBe(true);
  });

  it("longLines 'error': a LineTooLongError naming the command, and the child is killed", async () => {
    const { events, error } = await collectSettled(pipemux(...nodeFixture('long-line.mjs', '100', 'stay'), { maxLineLength: 16, longLines: 'error' }));
    expect(events.map((e) => e.type)).toEqual(['spawn']);
    expect(error).toBeInstanceOf(LineTooLongError);
    expect(error).toMatchObject({ stream: 'stdout', maxLineLength: 16, cwd: process.cwd() });
    expect((error as LineTooLongError).command).toBe(`${process.execPath} ${fixture('long-line.mjs')} 100 stay`);
    expect((error as Error).message).toMatch(
      /^.*long-line\.mjs 100 stay: a line on its stdout is longer than maxLineLength \(16 bytes; \d+ so far\) \(cwd: [^)]+\)$/,
    );
    // The error comes only after the child was reaped.
    expect(isAlive((events[0] as { pid: number }).pid)).toBe(false);
  });

  it('a 64 MiB line without newline: pieces of maxLineLength, every byte, CPU time linear in size (vs 16 MiB)', async () => {
    const small = await runLongLine(16 * MiB);
    const large = await runLongLine(64 * MiB);
    expect(small.pieces).toEqual([{ length: 16 * MiB, partial: false }]);
    expect(small.hash).toBe(sha256OfPattern(16 * MiB));
    expect(large.pieces).toEqual([
      ...Array<{ length: number; partial: boolean }>(3).fill({ length: 16 * MiB, partial: true }),
      { length: 16 * MiB, partial: false },
    ]);
    expect(large.hash).toBe(sha256OfPattern(64 * MiB));
    // Linear: ~4x. split2 alone re-splits its whole tail on every chunk: 16x and minutes. Loose for a loaded machine.
    expect(large.cpuMs / small.cpuMs).toBeLessThan(10);
  });

  it('a 1 MiB line with maxLineLength 256 KiB: four pieces, then the exit event', async () => {
    const events = await collect(pipemux(...nodeFixture('long-line.mjs', String(MiB)), { maxLineLength: 256 * 1024 }));
    expect(events.map((e) => (e.type === 'stdout' ? `${e.data.length}${e.partial ? '…' : ''}` : e.type))).toEqual([
      'spawn',
      '262144…',
      '262144…',
      '262144…',
      '262144',
      'exit',
    ]);
    expect(exitOf(events).code).toBe(0);
  });
});
