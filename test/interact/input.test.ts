import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InputBacklogError, InputClosedError, InvalidOptionError } from '../../src/index.js';
import { holdsWithin } from '../helpers/deadline.js';
import { nodeFixture } from '../helpers/fixtures.js';
import { isAlive, openFdCount } from '../helpers/processes.js';
import { isPending, useSessions } from './sessions.js';

const start = useSessions();
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('send(), sendLine(), end()', () => {
  it('writes in call order, each send resolving once the pipe took it; end() gives EOF', async () => {
    const { session, probe } = start('cat');
    const sent = [session.send('a'), session.send(Buffer.from('b')), session.sendLine('c'), session.sendLine()];
    await Promise.all(sent);
    expect((await session.expect('abc\n\n')).before).toBe('');
    await session.end();
    expect((await session.exited).code).toBe(0);
    expect(probe.events.filter((e) => e.type === 'stdin').map((e) => String(e.data))).toEqual(['a', 'b', 'c\n', '\n']);
  });

  it('4 MiB of random bytes go through cat byte for byte (backpressure both ways)', async () => {
    const input = randomBytes(4 * 1024 * 1024);
    const { session, probe } = start('cat', [], { encoding: 'latin1' });
    for (let at = 0; at < input.length; at += 100_000) await session.send(input.subarray(at, at + 100_000));
    await session.end();
    await session.exited;
    const output = Buffer.concat(probe.events.flatMap((e) => (e.type === 'stdout' ? [e.data as Buffer] : [])));
    expect(sha256(output)).toBe(sha256(input));
  });

  it('send() after end() throws InputClosedError; a bad item throws InvalidOptionError', async () => {
    const { session } = start('cat');
    expect(() => session.send(42 as unknown as string)).toThrow(InvalidOptionError);
    void session.end();
    expect(() => session.sendLine('late')).toThrow(InputClosedError);
    expect((await session.exited).code).toBe(0);
  });

  it('send() after the child exited resolves and drops the data', async () => {
    const { session } = start('true');
    await session.exited;
    await session.sendLine('nobody reads this');
  });

  it('a child that reads one line and exits: later sends resolve, their data dropped, and expect() reports the exit', async () => {
    const { session, probe } = start(...nodeFixture('stdin-read-line.mjs'));
    const sends = [session.sendLine('first'), session.sendLine('second'), session.send(Buffer.alloc(1024 * 1024, 'z'))];
    expect((await session.expect('first\n')).before).toBe('');
    expect((await session.exited).code).toBe(0);
    await Promise.all(sends);
    await session.sendLine('after the exit');
    expect(await session.expect('second').catch((error: unknown) => error)).toMatchObject({ name: 'ExpectEofError', exitCode: 0 });
    expect(probe.events.filter((e) => e.type === 'stdin').map((e) => String((e as { data: unknown }).data))).not.toContain('after the exit\n');
    expect(probe.events.at(-1)?.type).toBe('exit');
  });

  it('a child that never reads stdin: sends stop resolving, the backlog is bounded, close() ends it all', async () => {
    const fdsBefore = await openFdCount();
    const maxQueuedInput = 256 * 1024;
    const { session, probe } = start(...nodeFixture('forever.mjs'), { maxQueuedInput });
    await probe.waitFor((e) => e.type === 'stdout');
    const chunk = Buffer.alloc(64 * 1024, 'y');
    const accepted: Promise<void>[] = [];
    let refusal: unknown;
    while (refusal === undefined && accepted.length < 1000) {
      try {
        accepted.push(session.send(chunk));
      } catch (error) {
        refusal = error;
      }
    }
    expect(refusal).toBeInstanceOf(InputBacklogError);
    expect(refusal).toMatchObject({ maxQueuedInput, queuedBytes: 4 * chunk.length });
    // The socket buffer and one write in flight, then the queue: far from the 1000 tries.
    expect(accepted.length).toBeLessThan(64);
    await accepted[0]; // the pipe took the first one
    expect(await isPending(accepted.at(-1)!)).toBe(true); // the last one waits: the child does not read
    await session.close();
    expect(await Promise.all(accepted)).toHaveLength(accepted.length); // close() settled every send
    expect(isAlive(session.pid!)).toBe(false);
    expect(await holdsWithin(async () => (await openFdCount()) === fdsBefore)).toBe(true);
  });
});
