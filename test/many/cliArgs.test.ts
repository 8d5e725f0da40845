import { describe, expect, it } from 'vitest';
import { routeLine } from '../../src/cli/many/inputLines.js';
import { parseManyArgs, type ManyCliSettings } from '../../src/cli/many/parseManyArgs.js';
import { shellLineOf } from '../../src/cli/many/shellCommand.js';

const settingsOf = (argv: string[]): ManyCliSettings => {
  const parsed = parseManyArgs(argv);
  if (parsed.kind !== 'run') throw new Error(`not a run: ${JSON.stringify(parsed)}`);
  return parsed.settings;
};

describe('pipemux --many arguments', () => {
  it('reads the defaults', () => {
    expect(settingsOf(['a', 'b'])).toEqual({
      commands: ['a', 'b'],
      names: ['0', '1'],
      success: 'all',
      killOthersOn: [],
      killSignal: 'SIGTERM',
      killTimeout: 5000,
      maxProcesses: Infinity,
      restartTries: 0,
      restartAfter: 0,
      group: false,
      prefix: '[{name}] ',
      color: true,
      defaultInputTarget: '0',
      shell: true,
    });
  });

  it.each<[string, string[], Partial<ManyCliSettings>]>([
    ['names, fewer than commands', ['-n', 'web,api', 'a', 'b', 'c'], { names: ['web', 'api', '2'] }],
    ['--names=…', ['--names=web', 'a'], { names: ['web'] }],
    ['--kill-others', ['-k', 'a'], { killOthersOn: ['success', 'failure'] }],
    ['--kill-others-on-fail', ['--kill-others-on-fail', 'a'], { killOthersOn: ['failure'] }],
    ['--success first', ['-s', 'first', 'a'], { success: 'first' }],
    ['--success command-NAME', ['-n', 'x,y', '-s', 'command-y', 'a', 'b'], { success: ['y'] }],
    ['--success command-INDEX', ['-s', 'command-1', 'a', 'b'], { success: ['1'] }],
    ['--success !command-NAME: all others', ['-n', 'x,y,z', '-s', '!command-y', 'a', 'b', 'c'], { success: [0, 2] }],
    ['--kill-signal without SIG', ['--kill-signal', 'int', 'a'], { killSignal: 'SIGINT' }],
    ['--kill-timeout', ['--kill-timeout', '250', 'a'], { killTimeout: 250 }],
    ['--max-processes', ['-m', '2', 'a'], { maxProcesses: 2 }],
    ['--max-processes as a share of the CPUs', ['-m', '100%', 'a'], { maxProcesses: expect.any(Number) as number }],
    ['negative --restart-tries: for ever', ['--restart-tries', '-1', 'a'], { restartTries: Infinity }],
    ['--restart-after exponential', ['--restart-after', 'exponential', 'a'], { restartAfter: 'exponential' }],
    ['--prefix index', ['-p', 'index', 'a'], { prefix: '[{index}] ' }],
    ['--prefix none', ['-p', 'none', 'a'], { prefix: '' }],
    ['--prefix template', ['-p', '{name}|{pid}', 'a'], { prefix: '{name}|{pid} ' }],
    ['--group, --no-color, -i', ['-g', '--no-color', '-i', 'a'], { group: true, color: false }],
    ['--default-input-target by name', ['-n', 'x,y', '--default-input-target', 'y', 'a', 'b'], { defaultInputTarget: 'y' }],
    ['options end at --', ['--', '-k', 'a'], { commands: ['-k', 'a'] }],
  ])('%s', (_name, argv, expected) => {
    expect(settingsOf(argv)).toMatchObject(expected);
  });

  it.each<[string, string[], string]>([
    ['no command', ['-k'], '--many needs at least one command'],
    ['an unknown option', ['--raw', 'a'], 'unknown option for --many: --raw'],
    ['a missing value', ['-n'], '-n needs a value'],
    ['a bad rule', ['-s', 'most', 'a'], '--success takes all, first, last, command-NAME or !command-NAME, not "most"'],
    ['a rule naming no command', ['-s', 'command-web', 'a'], '--success: no command is named or numbered "web"'],
    ['a bad signal', ['--kill-signal', 'SIGNOPE', 'a'], '--kill-signal takes a signal name such as SIGTERM, not "SIGNOPE"'],
    ['--max-processes 0', ['-m', '0', 'a'], '--max-processes takes a whole number from 1 to 9007199254740991, not "0"'],
    ['an unsupported prefix style', ['-p', 'time', 'a'], '--prefix time is not supported (use a template with {name}, {index}, {pid})'],
    ['an empty command', ['a', ' '], 'a command is empty'],
  ])('usage error: %s', (_name, argv, message) => {
    expect(parseManyArgs(argv)).toEqual({ kind: 'usage-error', message });
  });
});

describe('input lines', () => {
  it.each<[string, string, object]>([
    ['name:text', 'api:rs', { to: 'api', data: 'rs\n' }],
    ['index:text', '1:rs', { to: 1, data: 'rs\n' }],
    ['an unknown name: the whole line to the default target', 'db:rs', { data: 'db:rs\n' }],
    ['no colon', 'rs', { data: 'rs\n' }],
    ['text with colons', 'web:a:b', { to: 'web', data: 'a:b\n' }],
  ])('%s', (_name, line, message) => {
    expect(routeLine(line, ['web', 'api'])).toEqual(message);
  });

  it.each<[string, string, object]>([
    ['a name with a colon (--hosts names commands host:port)', 'db1:22:uptime', { to: 'db1:22', data: 'uptime\n' }],
    ['the longest name the line starts with wins', 'db1:2222:x', { to: 'db1:2222', data: 'x\n' }],
    ['a shorter name that is also a prefix', 'db1:x', { to: 'db1', data: 'x\n' }],
    ['an index beyond the names', '7:x', { data: '7:x\n' }],
  ])('%s', (_name, line, message) => {
    expect(routeLine(line, ['db1:22', 'db1', 'db1:2222'])).toEqual(message);
  });
});

describe('shell command lines', () => {
  it.each<[string, string]>([
    ['sleep 30', 'exec sleep 30'],
    ['npm run dev -- --port 3000', 'exec npm run dev -- --port 3000'],
    ['ls *.js', 'exec ls *.js'],
    ['a && b', 'a && b'],
    ['a | b', 'a | b'],
    ['echo hi > f', 'echo hi > f'],
    ['FOO=1 node x', 'FOO=1 node x'],
    ['cd src', 'cd src'],
    ['(a; b)', '(a; b)'],
    ['echo $(date)', 'echo $(date)'],
    ['echo a\necho b', 'echo a\necho b'],
    [':', ':'],
    ['type ls', 'type ls'],
  ])('%j runs as %j', (line, run) => {
    expect(shellLineOf(line)).toBe(run);
  });
});
