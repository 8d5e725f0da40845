import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pipemux } from '../../src/index.js';
import { collect, dataOf, exitOf } from '../helpers/collect.js';
import { nodeFixture } from '../helpers/fixtures.js';
import { expectWellFormedTimeline } from './timeline.js';

const sha256 = (chunks: readonly Buffer[]) => chunks.reduce((hash, chunk) => hash.update(chunk), createHash('sha256')).digest('hex');

// Property 3: in chunk mode the data is the bytes as read, nothing added, removed or decoded.
describe("mode: 'chunks'", () => {
  it.each([
    { seed: 1, bytes: 6 * 1024 * 1024 },
    { seed: 2, bytes: 3 * 1024 * 1024 + 7 },
  ])('is byte-exact: sha256 of the chunks = sha256 the child printed ($bytes random bytes)', async ({ seed, bytes }) => {
    const events = await collect(pipemux(...nodeFixture('flood.mjs', String(seed), String(bytes)), { mode: 'chunks' }));
    expectWellFormedTimeline(events);
    const chunks = dataOf(events, 'stdout');
    expect(chunks.every((chunk) => Buffer.isBuffer(chunk))).toBe(true);
    expect(chunks.reduce((total, chunk) => total + chunk.length, 0)).toBe(bytes);
    const childsHash = Buffer.concat(dataOf(events, 'stderr')).toString();
    expect(childsHash).toMatch(/^[0-9a-f]{64}$/);
    expect(sha256(chunks)).toBe(childsHash);
    expect(exitOf(events).code).toBe(0);
  });

  it('keeps newlines, CRs, invalid UTF-8 and a missing final newline as they are', async () => {
    const written = Buffer.from('a\r\n\n\xff\xfe\x00b', 'latin1');
    const events = await collect(pipemux(...nodeFixture('write-chunks.mjs', `out:${written.toString('hex')}`, 'err:0d0a'), { mode: 'chunks' }));
    expect(Buffer.concat(dataOf(events, 'stdout'))).toEqual(written);
    expect(Buffer.concat(dataOf(events, 'stderr'))).toEqual(Buffer.from('\r\n'));
  });
});
