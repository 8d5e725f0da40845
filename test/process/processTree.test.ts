import { describe, expect, it } from 'vitest';
import { formatCommand, MAX_COMMAND_TEXT } from '../../src/process/formatCommand.js';
import { parseProcStatLine, parsePsOutput, type ProcessEntry, type ProcessTable } from '../../src/process/tree/processTable.js';
import { descendantsOf } from '../../src/process/tree/processTree.js';
import { parseOwner } from '../../src/stdin/fifoDirOwner.js';

// The pure parts of killTree and of the FIFO dir sweep: parsing what /proc and ps say, walking the tree.
const stat = (pid: number, comm: string, state: string, ppid: number, started: number) =>
  `${pid} (${comm}) ${state} ${ppid} ${pid} ${pid} 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 ${started} 1000 200 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n`;

describe('parseProcStatLine', () => {
  it.each([
    ['a plain command', stat(42, 'sleep', 'S', 7, 1234), { pid: 42, ppid: 7, started: '1234', zombie: false }],
    ['a name with spaces and a parenthesis', stat(43, 'my (odd) name) x', 'R', 1, 99), { pid: 43, ppid: 1, started: '99', zombie: false }],
    ['a zombie', stat(44, 'sh', 'Z', 42, 5), { pid: 44, ppid: 42, started: '5', zombie: true }],
    ['a dead process', stat(45, 'sh', 'X', 42, 5), { pid: 45, ppid: 42, started: '5', zombie: true }],
  ])('%s', (_name, line, expected) => {
    expect(parseProcStatLine(line)).toEqual(expected);
  });

  it.each([
    ['empty', ''],
    ['no parenthesis', '42 sleep S 7'],
    ['cut short', '42 (sleep) S 7 42 42 0'],
  ])('%s: undefined', (_name, line) => {
    expect(parseProcStatLine(line)).toBeUndefined();
  });
});

describe('parsePsOutput', () => {
  it('reads pid, ppid, state and lstart (the start time, with spaces) of every line', () => {
    const text = '    1     0 Ss   Mon Nov 30 19:10:07 2026\n  812     1 Z    Mon Nov 30 19:11:00 2026\n\nnot a line\n';
    expect([...parsePsOutput(text).values()]).toEqual([
      { pid: 1, ppid: 0, started: 'Mon Nov 30 19:10:07 2026', zombie: false },
      { pid: 812, ppid: 1, started: 'Mon Nov 30 19:11:00 2026', zombie: true },
    ]);
  });
});

describe('descendantsOf', () => {
  const table = (...entries: [pid: number, ppid: number, zombie?: boolean][]): ProcessTable =>
    new Map(entries.map(([pid, ppid, zombie = false]): [number, ProcessEntry] => [pid, { pid, ppid, started: String(pid), zombie }]));
  const pids = (entries: ProcessEntry[]) => entries.map((entry) => entry.pid).sort((a, b) => a - b);

  it.each([
    ['a chain of depth three', table([10, 1], [11, 10], [12, 11], [13, 12]), [10], [11, 12, 13]],
    ['siblings, and unrelated processes left out', table([10, 1], [11, 10], [12, 10], [20, 1], [21, 20]), [10], [11, 12]],
    ['a zombie is not a running descendant', table([10, 1], [11, 10, true], [12, 10]), [10], [12]],
    ['an orphan (adopted by init) is not found', table([10, 1], [12, 1]), [10], []],
    ['several roots', table([10, 1], [11, 10], [20, 1], [21, 20]), [10, 20], [11, 21]],
    ['a root is not its own descendant, even listed twice', table([10, 1], [11, 10]), [10, 11], []],
  ])('%s', (_name, processes, roots, expected) => {
    expect(pids(descendantsOf(processes, roots))).toEqual(expected);
  });
});

describe('formatCommand', () => {
  it.each([
    ['short', 'echo', ['hi', 'two words'], "echo hi 'two words'"],
    ['exactly at the limit', 'x', ['y'.repeat(MAX_COMMAND_TEXT - 2)], `x ${'y'.repeat(MAX_COMMAND_TEXT - 2)}`],
    ['one character over', 'x', ['y'.repeat(MAX_COMMAND_TEXT - 1)], `x ${'y'.repeat(MAX_COMMAND_TEXT - 2)}… [1 more characters]`],
    ['many arguments', 'a', Array.from({ length: 1000 }, () => 'bcd'), `a${' bcd'.repeat(511)} bc… [1,953 more characters]`],
  ])('%s', (_name, file, args, expected) => {
    const text = formatCommand(file, args);
    expect(text).toBe(expected);
    expect(text.length).toBeLessThan(MAX_COMMAND_TEXT + 40);
  });
});

describe('parseOwner (FIFO dir owner files)', () => {
  it.each([
    ['pid and /proc start time', '1234 56789\n', { pid: 1234, started: '56789' }],
    ['pid and a ps start time', '99 Mon Nov 30 19:10:07 2026\n', { pid: 99, started: 'Mon Nov 30 19:10:07 2026' }],
    ['a partial write', '1234 567', undefined],
    ['pid 0', '0 5\n', undefined],
    ['not an owner file', 'hello\n', undefined],
  ])('%s', (_name, text, expected) => {
    expect(parseOwner(text)).toEqual(expected);
  });
});
