import { readlink } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { of } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { InvalidOptionError, pipemux } from '../../src/index.js';
import { collect, dataOf } from '../helpers/collect.js';

describe('stdin and echoInput options are checked at call time', () => {
  const rejected: [string, Record<string, unknown>, RegExp][] = [
    ['a number', { stdin: 42 }, /^cat: invalid stdin: must be 'ignore', 'inherit'.*got 42/],
    ['a plain object', { stdin: {} }, /invalid stdin.*\{ fifo: true, source\?, dir\? \}/],
    ["execa's 'pipe' (would be sent as text)", { stdin: 'pipe' }, /invalid stdin.*not a mode here/],
    ['fifo: false', { stdin: { fifo: false } }, /fifo must be true/],
    ['an unknown FIFO key', { stdin: { fifo: true, path: '/tmp/x' } }, /unknown key "path"/],
    ['a FIFO source of the wrong type', { stdin: { fifo: true, source: 42 } }, /source must be/],
    ['an empty FIFO dir', { stdin: { fifo: true, dir: '' } }, /dir must be a non-empty string/],
    ['echoInput not a boolean', { echoInput: 'yes' }, /^cat: invalid echoInput: must be a boolean/],
  ];
  it.each(rejected)('rejects %s', (_name, options, message) => {
    expect(() => pipemux('cat', [], options as never)).toThrow(InvalidOptionError);
    expect(() => pipemux('cat', [], options as never)).toThrow(message);
  });

  const accepted: [string, unknown][] = [
    ["'ignore'", 'ignore'],
    ["'inherit'", 'inherit'],
    ['a string', 'text'],
    ['a Buffer', Buffer.from('bytes')],
    ['a Uint8Array', new Uint8Array([65])],
    ['an array', ['a', ['b']]],
    ['a generator', (function* () {})()],
    ['an async generator', (async function* () {})()],
    ['an Observable', of('x')],
    ['a Node Readable', Readable.from(['x'])],
    ['a FIFO', { fifo: true }],
    ['a FIFO with a source and a dir', { fifo: true, source: of(['x']), dir: '/tmp' }],
  ];
  it.each(accepted)('accepts %s', (_name, stdin) => {
    expect(() => pipemux('cat', [], { stdin: stdin as never, echoInput: true })).not.toThrow();
  });
});

const ourStdin = await readlink('/proc/self/fd/0').catch(() => 'closed');

describe('stdin modes', () => {
  // With our fd 0 on /dev/null, 'inherit' and 'ignore' would look alike: nothing to tell apart then.
  it.skipIf(['/dev/null', 'closed'].includes(ourStdin))("'inherit' gives the child our own fd 0", async () => {
    const ours = ourStdin;
    const events = await collect(pipemux('sh', ['-c', 'readlink /proc/self/fd/0 || echo closed'], { stdin: 'inherit' }));
    expect(dataOf(events, 'stdout')).toEqual([ours]);
  });

  it('reads a Node Readable (an async iterable) as Buffers, in order', async () => {
    const events = await collect(pipemux('cat', [], { stdin: Readable.from([Buffer.from('one\n'), Buffer.from('two\n')]) }));
    expect(dataOf(events, 'stdout')).toEqual(['one', 'two']);
  });
});
