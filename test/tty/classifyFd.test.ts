import { describe, expect, it } from 'vitest';
import { classifyFd, deviceMajor, deviceMinor, type FdStats } from '../../src/tty/classifyFd.js';
import { isExiting, parseProcStat } from '../../src/tty/procStat.js';

type FileType = 'fifo' | 'socket' | 'file' | 'char' | 'dir';

/** Linux device id (glibc's makedev). */
function makedev(major: number, minor: number): number {
  return (minor & 0xff) | ((major & 0xfff) << 8) | ((minor & ~0xff) << 12);
}

function fakeStats(type: FileType, rdev = 0): FdStats {
  return { isFIFO: () => type === 'fifo', isSocket: () => type === 'socket', isFile: () => type === 'file', isCharacterDevice: () => type === 'char', rdev };
}

describe('classifyFd', () => {
  it.each([
    ['an anonymous pipe', 'pipe:[4242]', fakeStats('fifo'), { kind: 'pipe', isatty: false, target: 'pipe:[4242]' }],
    ['a named pipe', '/tmp/pm-x/stdin.fifo', fakeStats('fifo'), { kind: 'fifo', isatty: false, target: '/tmp/pm-x/stdin.fifo' }],
    ['a socket (Node piped stdio)', 'socket:[77]', fakeStats('socket'), { kind: 'socket', isatty: false, target: 'socket:[77]' }],
    ['a regular file', '/var/log/build.log', fakeStats('file'), { kind: 'file', isatty: false, target: '/var/log/build.log' }],
    ['a deleted file', '/tmp/x (deleted)', fakeStats('file'), { kind: 'file', isatty: false, target: '/tmp/x (deleted)' }],
    ['/dev/null by path', '/dev/null', fakeStats('char', makedev(1, 3)), { kind: 'null', isatty: false, target: '/dev/null' }],
    [
      '/dev/null by numbers (bind-mounted elsewhere)',
      '/jail/dev/null',
      fakeStats('char', makedev(1, 3)),
      { kind: 'null', isatty: false, target: '/jail/dev/null' },
    ],
    ['a pty slave', '/dev/pts/3', fakeStats('char', makedev(136, 3)), { kind: 'tty', isatty: true, target: '/dev/pts/3' }],
    ['a pty slave above 255', '/dev/pts/300', fakeStats('char', makedev(137, 44)), { kind: 'tty', isatty: true, target: '/dev/pts/300' }],
    [
      'a pty slave known by numbers only',
      '/somewhere/console',
      fakeStats('char', makedev(136, 0)),
      { kind: 'tty', isatty: true, target: '/somewhere/console' },
    ],
    ['a virtual console', '/dev/tty2', fakeStats('char', makedev(4, 2)), { kind: 'tty', isatty: true, target: '/dev/tty2' }],
    ['a serial line', '/dev/ttyS0', fakeStats('char', makedev(4, 64)), { kind: 'tty', isatty: true, target: '/dev/ttyS0' }],
    ['/dev/console', '/dev/console', fakeStats('char', makedev(5, 1)), { kind: 'tty', isatty: true, target: '/dev/console' }],
    ['/dev/zero', '/dev/zero', fakeStats('char', makedev(1, 5)), { kind: 'unknown', isatty: false, target: '/dev/zero' }],
    ['/dev/ptmx is not a terminal slave', '/dev/ptmx', fakeStats('char', makedev(5, 2)), { kind: 'unknown', isatty: false, target: '/dev/ptmx' }],
    ['a directory', '/home', fakeStats('dir'), { kind: 'unknown', isatty: false, target: '/home' }],
    ['a FIFO with no /proc (cannot tell named from anonymous)', undefined, fakeStats('fifo'), { kind: 'pipe', isatty: false }],
    ['link only: pipe', 'pipe:[1]', undefined, { kind: 'pipe', isatty: false, target: 'pipe:[1]' }],
    ['link only: socket', 'socket:[1]', undefined, { kind: 'socket', isatty: false, target: 'socket:[1]' }],
    ['link only: /dev/null', '/dev/null', undefined, { kind: 'null', isatty: false, target: '/dev/null' }],
    ['link only: a terminal path', '/dev/pts/0', undefined, { kind: 'tty', isatty: true, target: '/dev/pts/0' }],
    ['link only: a path', '/tmp/file', undefined, { kind: 'unknown', isatty: false, target: '/tmp/file' }],
    ['nothing known', undefined, undefined, { kind: 'unknown', isatty: false }],
  ] as const)('%s', (_name, link, stats, expected) => {
    expect(classifyFd(link, stats)).toEqual(expected);
  });

  it('takes isatty() from the caller when it could be asked', () => {
    expect(classifyFd(undefined, fakeStats('char', makedev(4, 1)), false)).toEqual({ kind: 'tty', isatty: false });
  });

  it('a character device isatty() calls a terminal is one, whatever its numbers (macOS numbers devices otherwise: no contradiction in the report)', () => {
    // macOS: major << 24 | minor; a tty there (16:3) reads as Linux 0:3.
    const macTty = 16 * 2 ** 24 + 3;
    expect(classifyFd(undefined, fakeStats('char', macTty), true)).toEqual({ kind: 'tty', isatty: true });
    expect(classifyFd(undefined, fakeStats('char', makedev(10, 200)), false)).toEqual({ kind: 'unknown', isatty: false });
  });
});

describe('device numbers', () => {
  it.each([
    [1, 3],
    [136, 0],
    [136, 255],
    [137, 44],
    [4, 64],
    [5, 1],
    [259, 1048575],
  ])('major/minor of makedev(%i, %i) round-trip', (major, minor) => {
    const rdev = makedev(major, minor) >>> 0;
    expect([deviceMajor(rdev), deviceMinor(rdev)]).toEqual([major, minor]);
  });
});

describe('parseProcStat', () => {
  it.each([
    ['a sleeping process with no terminal', '4242 (node) S 1 4242 4242 0 -1 4194560 1 2 3', { state: 'S', ttyNr: 0, flags: 4194560 }],
    ['a process on /dev/pts/1', '77 (bash) S 70 77 77 34817 77 4194304 0', { state: 'S', ttyNr: 34817, flags: 4194304 }],
    ['a command name with spaces and a parenthesis', '9 (my (weird) prog) R 1 9 9 34816 9 4194304 0', { state: 'R', ttyNr: 34816, flags: 4194304 }],
    ['a zombie', '12 (sh) Z 1 12 12 0 -1 4227084 0', { state: 'Z', ttyNr: 0, flags: 4227084 }],
    ['a trailing newline', '5 (x) S 1 5 5 0 -1 0 0\n', { state: 'S', ttyNr: 0, flags: 0 }],
  ])('%s', (_name, text, expected) => {
    expect(parseProcStat(text)).toEqual(expected);
  });

  it.each([
    ['no parenthesis', '4242 node S 1 2 3 0'],
    ['too short', '1 (init) S 0'],
    ['empty', ''],
  ])('rejects %s', (_name, text) => {
    expect(parseProcStat(text)).toBeUndefined();
  });

  it.each([
    ['running', { state: 'R', ttyNr: 0, flags: 0x400000 }, false],
    ['sleeping', { state: 'S', ttyNr: 0, flags: 0x400100 }, false],
    ['a zombie', { state: 'Z', ttyNr: 0, flags: 0x400000 }, true],
    ['dead', { state: 'X', ttyNr: 0, flags: 0 }, true],
    ['running but exiting (PF_EXITING: its fds are going)', { state: 'R', ttyNr: 0, flags: 0x400004 }, true],
  ])('isExiting: %s', (_name, stat, expected) => {
    expect(isExiting(stat)).toBe(expected);
  });
});
