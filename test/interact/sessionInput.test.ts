import { describe, expect, it } from 'vitest';
import { SessionInput } from '../../src/interact/sessionInput.js';
import { isPending } from './sessions.js';

// Pure queue logic: pipemux's feeder is played by calls to next().
describe('SessionInput', () => {
  it('hands items out in order; a send resolves when the next item is asked for (the pipe took it)', async () => {
    const input = new SessionInput(100);
    const sent = [input.offer('a'), input.offer('b')] as Promise<void>[];
    expect(await input.next()).toEqual({ done: false, value: 'a' });
    expect(await isPending(sent[0]!)).toBe(true);
    expect(await input.next()).toEqual({ done: false, value: 'b' });
    expect(await isPending(sent[0]!)).toBe(false);
    const waiting = input.next();
    expect(await isPending(sent[1]!)).toBe(false);
    expect(await isPending(waiting)).toBe(true);
    void input.offer('c');
    expect(await waiting).toEqual({ done: false, value: 'c' });
  });

  it('bounds the bytes waiting; one item always fits when nothing waits', () => {
    const input = new SessionInput(4);
    expect(input.offer('€€')).toBeInstanceOf(Promise); // 6 bytes, nothing waiting
    expect(input.offer('x')).toBe('backlog');
    expect(input.backlog).toBe(6);
  });

  it('end(): done once the queue is empty, then sends are refused', async () => {
    const input = new SessionInput(100);
    void input.offer('last');
    const eof = input.end();
    expect(input.offer('late')).toBe('ended');
    expect(await input.next()).toEqual({ done: false, value: 'last' });
    expect(await isPending(eof)).toBe(true);
    expect(await input.next()).toEqual({ done: true, value: undefined });
    await eof;
  });

  it('close() (the child went away) settles every send and the waiting next(); later sends are dropped', async () => {
    const input = new SessionInput(100);
    const first = input.offer('a') as Promise<void>;
    await input.next();
    const queued = input.offer('b') as Promise<void>;
    await input.return();
    await Promise.all([first, queued]);
    expect(input.backlog).toBe(0);
    await (input.offer('after') as Promise<void>);
    expect(await input.next()).toEqual({ done: true, value: undefined });
  });
});
