import { describe, expect, it } from 'vitest';
import { CommandNotFoundError, ExitError, only, pipemux, toAsyncIterable, type MuxEvent } from '../../src/index.js';
import { holdsWithin } from '../helpers/deadline.js';
import { nodeFixture } from '../helpers/fixtures.js';
import { isAlive, openFdCount } from '../helpers/processes.js';

describe('toAsyncIterable()', () => {
  it('gives the lines to for await', async () => {
    const lines: string[] = [];
    for await (const event of toAsyncIterable(pipemux(...nodeFixture('print-lines.mjs', '5')).pipe(only('stdout')))) lines.push(event.data);
    expect(lines).toEqual(['line 0', 'line 1', 'line 2', 'line 3', 'line 4']);
  });

  it('ends the loop after the exit event', async () => {
    const types: string[] = [];
    for await (const event of toAsyncIterable(pipemux(...nodeFixture('print-lines.mjs', '2')))) types.push(event.type);
    expect(types).toEqual(['spawn', 'stdout', 'stdout', 'exit']);
  });

  it('break kills the child and releases its fds', async () => {
    const fdsBefore = await openFdCount();
    let pid = 0;
    for await (const event of toAsyncIterable(pipemux(...nodeFixture('forever.mjs')))) {
      if (event.type === 'spawn') pid = event.pid;
      if (event.type === 'stdout' && event.data === 'ready') break;
    }
    expect(pid).toBeGreaterThan(0);
    expect(await holdsWithin(() => !isAlive(pid))).toBe(true);
    expect(await holdsWithin(async () => (await openFdCount()) === fdsBefore)).toBe(true);
  });

  it.each([
    { name: 'command not found', run: () => pipemux('pipemux-no-such-command'), type: CommandNotFoundError, before: [] },
    {
      name: 'reject: true and exit 3',
      run: () => pipemux(...nodeFixture('exit-with.mjs', '3'), { reject: true }).pipe(only('stdout', 'exit')),
      type: ExitError,
      before: ['stdout', 'exit'],
    },
  ])('throws the error from the loop, after the values before it ($name)', async ({ run, type, before }) => {
    const seen: string[] = [];
    let thrown: unknown;
    try {
      for await (const event of toAsyncIterable<MuxEvent>(run())) seen.push(event.type);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(type);
    expect(seen).toEqual(before);
  });

  it('answers next() calls made before earlier ones settled, in order', async () => {
    const iterator = toAsyncIterable(pipemux(...nodeFixture('print-lines.mjs', '2')));
    const results = await Promise.all([iterator.next(), iterator.next(), iterator.next(), iterator.next(), iterator.next()]);
    expect(results.map((r) => (r.done ? 'done' : r.value.type))).toEqual(['spawn', 'stdout', 'stdout', 'exit', 'done']);
  }, 10_000);
});
