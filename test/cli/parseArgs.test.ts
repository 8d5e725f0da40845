import { describe, expect, it } from 'vitest';
import { parseArgs, type CliSettings } from '../../src/cli/parseArgs.js';

const settingsOf = (argv: string[]): CliSettings => {
  const parsed = parseArgs(argv);
  if (parsed.kind !== 'run') throw new Error(`expected a run, got ${JSON.stringify(parsed)}`);
  return parsed.settings;
};

describe('parseArgs', () => {
  it('takes the first non-option as the command and leaves its own options alone', () => {
    const settings = settingsOf(['--prefix-stderr', 'E: ', 'find', '/', '-name', '--chunks']);
    expect(settings.command).toBe('find');
    expect(settings.args).toEqual(['/', '-name', '--chunks']);
    expect(settings.prefixStderr).toBe('E: ');
    expect(settings.chunks).toBe(false);
  });

  it.each<[string, string[], Partial<CliSettings>]>([
    [
      'defaults',
      ['ls'],
      {
        chunks: false,
        prefixStdout: '',
        prefixStderr: '',
        timestamps: false,
        teeAll: [],
        append: false,
        fifo: false,
        ttyReport: false,
        json: false,
        color: 'auto',
        maxLineLength: undefined,
        killTree: false,
      },
    ],
    ['--chunks', ['--chunks', 'ls'], { chunks: true }],
    ['--prefix-stdout with =', ['--prefix-stdout=O: ', 'ls'], { prefixStdout: 'O: ' }],
    ['--timestamps', ['--timestamps', 'ls'], { timestamps: true }],
    [
      'repeated tees',
      ['--tee-stdout', 'a', '--tee-stdout', 'b', '--tee-stderr', 'c', '--tee', 'd', '--append', 'ls'],
      { teeStdout: ['a', 'b'], teeStderr: ['c'], teeAll: ['d'], append: true },
    ],
    ['--fifo with a path file', ['--fifo', '--fifo-path-file', 'p', 'cat'], { fifo: true, fifoPathFile: 'p' }],
    ['--kill-tree', ['--kill-tree', 'npm', 'run', 'dev'], { killTree: true, command: 'npm', args: ['run', 'dev'] }],
    ['--tty-report --json', ['--tty-report', '--json', 'ls'], { ttyReport: true, json: true }],
    ['--color never', ['--color', 'never', 'ls'], { color: 'never' }],
    ['--max-line-length', ['--max-line-length', '4096', 'ls'], { maxLineLength: 4096 }],
    ['-- ends the options', ['--', '--weird-command', '-x'], { command: '--weird-command', args: ['-x'] }],
    ['unfinished lines shown after 100 ms by default', ['ls'], { flushPartialAfter: 100, stdout: 'pipe', stderr: 'pipe', lineBuffered: false }],
    ['--whole-lines', ['--whole-lines', 'ls'], { flushPartialAfter: undefined }],
    ['--stderr inherit', ['--stderr', 'inherit', 'fzf'], { stderr: 'inherit', stdout: 'pipe' }],
    ['--stdout=ignore', ['--stdout=ignore', 'ls'], { stdout: 'ignore' }],
    ['--line-buffered', ['--line-buffered', 'grep', 'x'], { lineBuffered: true }],
  ])('%s', (_name, argv, expected) => {
    expect(settingsOf(argv)).toMatchObject(expected);
  });

  it.each<[string, string[], string]>([
    ['no command', [], 'no command given'],
    ['only options', ['--chunks'], 'no command given'],
    ['unknown option', ['--frobnicate', 'ls'], 'unknown option --frobnicate'],
    ['missing value', ['--tee'], '--tee needs a value'],
    ['empty tee file', ['--tee=', 'ls'], '--tee needs a file name'],
    ['bad colour', ['--color', 'sometimes', 'ls'], '--color takes auto, always or never, not "sometimes"'],
    ['bad stream mode', ['--stderr', 'tty', 'ls'], '--stderr takes pipe, inherit or ignore, not "tty"'],
    ['a tee of an inherited stream', ['--stderr', 'inherit', '--tee-stderr', 'e.log', 'ls'], '--tee-stderr needs stderr piped, not --stderr inherit'],
    ['--tee with a stream ignored', ['--stdout', 'ignore', '--tee', 'all.log', 'ls'], '--tee needs stdout piped, not --stdout ignore'],
    ['a prefix for an inherited stream', ['--stderr', 'inherit', '--prefix-stderr', 'E: ', 'fzf'], '--prefix-stderr needs stderr piped, not --stderr inherit'],
    ['bad length', ['--max-line-length', '12k', 'ls'], '--max-line-length takes a whole number of bytes >= 4, not "12k"'],
    ['tiny length', ['--max-line-length', '3', 'ls'], '--max-line-length takes a whole number of bytes >= 4, not "3"'],
    ['switch with a value', ['--fifo=yes', 'cat'], '--fifo takes no value'],
    ['--help with a value', ['--help=x'], '--help takes no value'],
    ['--version with a value', ['--version=2'], '--version takes no value'],
    ['--json alone', ['--json', 'ls'], '--json goes with --tty-report'],
    ['--fifo-path-file alone', ['--fifo-path-file', 'p', 'cat'], '--fifo-path-file goes with --fifo'],
  ])('usage error: %s', (_name, argv, message) => {
    expect(parseArgs(argv)).toEqual({ kind: 'usage-error', message });
  });

  it.each([
    [['-h'], 'help'],
    [['--help', 'ls'], 'help'],
    [['--version'], 'version'],
  ] as const)('%j asks for %s', (argv, kind) => {
    expect(parseArgs(argv).kind).toBe(kind);
  });

  it('does not read --help after the command', () => {
    expect(settingsOf(['grep', '--help']).args).toEqual(['--help']);
  });
});
