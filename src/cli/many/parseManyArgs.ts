import { availableParallelism, constants } from 'node:os';
import type { ChildRef, SuccessRule } from '../../many/types.js';
import type { RemoteOptions } from '../../types.js';
import { MAX_DELAY_MS } from '../../limits.js';
import { scanOptions } from '../scanOptions.js';

/** The settings of `pipemux --many`, as read from its arguments. */
export interface ManyCliSettings {
  /** Shell command lines, one per child. */
  commands: string[];
  /** A name per command (the index when `--names` gave none). */
  names: string[];
  success: SuccessRule;
  killOthersOn: ('failure' | 'success')[];
  killSignal: NodeJS.Signals;
  /** Milliseconds from the kill signal to SIGKILL. */
  killTimeout: number;
  maxProcesses: number;
  restartTries: number;
  restartAfter: number | 'exponential';
  group: boolean;
  /** The text before each line, with `{name}`, `{index}`, `{pid}`; '' for none. */
  prefix: string;
  color: boolean;
  defaultInputTarget: ChildRef;
  /** `true` for /bin/sh, or a shell's path. */
  shell: true | string;
  /** `pipemux --hosts`: command i runs on host `remotes[i]` (src/cli/remote/). */
  remotes?: RemoteOptions[];
}

/** What the arguments of `pipemux --many` ask for. */
export type ParsedManyArgs = { kind: 'run'; settings: ManyCliSettings } | { kind: 'help' } | { kind: 'usage-error'; message: string };

const DEFAULT_KILL_TIMEOUT = 5000;
// Each flag with the names concurrently gives it; the value flags take the next argument (or `=value`).
export const SWITCHES: Record<string, string> = {
  '-k': 'kill-others',
  '--kill-others': 'kill-others',
  '--kill-others-on-fail': 'kill-others-on-fail',
  '-g': 'group',
  '--group': 'group',
  '--no-color': 'no-color',
  '-i': 'handle-input',
  '--handle-input': 'handle-input',
};
export const VALUE_FLAGS: Record<string, string> = {
  '-n': 'names',
  '--names': 'names',
  '-s': 'success',
  '--success': 'success',
  '--kill-signal': 'kill-signal',
  '--ks': 'kill-signal',
  '--kill-timeout': 'kill-timeout',
  '-m': 'max-processes',
  '--max-processes': 'max-processes',
  '--restart-tries': 'restart-tries',
  '--restart-after': 'restart-after',
  '-p': 'prefix',
  '--prefix': 'prefix',
  '--default-input-target': 'default-input-target',
  '--shell': 'shell',
};

/**
 * Reads `pipemux --many [options] [--] <command>...` (the arguments after `--many`). Options end at
 * `--` or at the first argument that is not an option; each command is one shell command line.
 * Pure: no I/O, no process access.
 */
export function parseManyArgs(argv: readonly string[]): ParsedManyArgs {
  const values = new Map<string, string>();
  const switches = new Set<string>();
  const scan = scanOptions(argv, {
    takesValue: (flag) => (SWITCHES[flag] !== undefined ? false : VALUE_FLAGS[flag] !== undefined ? true : undefined),
    unknown: (flag) => `unknown option for --many: ${flag}`,
  });
  if (scan.kind === 'help') return { kind: 'help' };
  if (scan.kind !== 'options') return usageError(scan.kind === 'usage-error' ? scan.message : `unknown option for --many: ${scan.flag}`);
  for (const { flag, value } of scan.options) {
    if (value === undefined) switches.add(SWITCHES[flag]!);
    else values.set(VALUE_FLAGS[flag]!, value);
  }
  const commands = scan.rest;
  if (commands.length === 0) return usageError('--many needs at least one command');
  if (commands.some((command) => command.trim() === '')) return usageError('a command is empty');
  try {
    return { kind: 'run', settings: toSettings(commands, values, switches) };
  } catch (error) {
    return usageError((error as Error).message);
  }
}

function toSettings(commands: string[], values: Map<string, string>, switches: Set<string>): ManyCliSettings {
  const given = values.get('names')?.split(',') ?? [];
  const names = commands.map((_, i) => (given[i] !== undefined && given[i] !== '' ? given[i] : String(i)));
  const killOthersOn: ManyCliSettings['killOthersOn'] = switches.has('kill-others')
    ? ['success', 'failure']
    : switches.has('kill-others-on-fail')
      ? ['failure']
      : [];
  return {
    commands,
    names,
    success: readSuccess(values.get('success') ?? 'all', names),
    killOthersOn,
    killSignal: readSignal(values.get('kill-signal') ?? 'SIGTERM'),
    killTimeout: readInteger('--kill-timeout', values.get('kill-timeout'), DEFAULT_KILL_TIMEOUT, 0, MAX_DELAY_MS),
    maxProcesses: readMaxProcesses(values.get('max-processes')),
    restartTries: readRestartTries(values.get('restart-tries')),
    restartAfter:
      values.get('restart-after') === 'exponential' ? 'exponential' : readInteger('--restart-after', values.get('restart-after'), 0, 0, MAX_DELAY_MS),
    group: switches.has('group'),
    prefix: readPrefix(values.get('prefix')),
    color: !switches.has('no-color'),
    defaultInputTarget: readChild('--default-input-target', values.get('default-input-target') ?? '0', names),
    shell: values.get('shell') ?? true,
  };
}

/** concurrently's `--success`: all, first, last, command-<name|index>, !command-<name|index>. */
function readSuccess(value: string, names: string[]): SuccessRule {
  if (value === 'all' || value === 'first' || value === 'last') return value;
  const match = /^(!?)command-(.+)$/.exec(value);
  if (match === null) throw new Error(`--success takes all, first, last, command-NAME or !command-NAME, not ${JSON.stringify(value)}`);
  const named = readChild('--success', match[2]!, names);
  if (match[1] === '') return [named];
  const index = typeof named === 'number' ? named : names.indexOf(named);
  const others = names.map((_, i) => i).filter((i) => i !== index);
  if (others.length === 0) throw new Error(`--success ${value} leaves no command`);
  return others;
}

/** A name, or else an index: what concurrently accepts for a command. */
function readChild(flag: string, value: string, names: string[]): ChildRef {
  if (names.includes(value)) return value;
  if (/^\d+$/.test(value) && Number(value) < names.length) return Number(value);
  throw new Error(`${flag}: no command is named or numbered ${JSON.stringify(value)}`);
}

function readSignal(value: string): NodeJS.Signals {
  const name = (value.startsWith('SIG') ? value : `SIG${value}`).toUpperCase();
  if (!Object.hasOwn(constants.signals, name)) throw new Error(`--kill-signal takes a signal name such as SIGTERM, not ${JSON.stringify(value)}`);
  return name as NodeJS.Signals;
}

function readInteger(flag: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max) throw new Error(`${flag} takes a whole number from ${min} to ${max}, not ${JSON.stringify(value)}`);
  return number;
}

/** A number of processes, or a percentage of the CPUs (`50%`), as concurrently's `--max-processes`. */
function readMaxProcesses(value: string | undefined): number {
  if (value === undefined) return Infinity;
  const percent = /^(\d+)%$/.exec(value);
  if (percent !== null) return Math.max(1, Math.floor((availableParallelism() * Number(percent[1])) / 100));
  return readInteger('--max-processes', value, Infinity, 1, Number.MAX_SAFE_INTEGER);
}

/** concurrently's `--restart-tries`: a negative number restarts for ever. */
function readRestartTries(value: string | undefined): number {
  if (value === undefined) return 0;
  if (/^-\d+$/.test(value)) return Infinity;
  return readInteger('--restart-tries', value, 0, 0, Number.MAX_SAFE_INTEGER);
}

/** concurrently's `--prefix`: a style in brackets (index, name, pid), none, or a template used as it is. */
function readPrefix(value: string | undefined): string {
  if (value === undefined || value === 'name') return '[{name}] ';
  if (value === 'index' || value === 'pid') return `[{${value}}] `;
  if (value === 'none') return '';
  if (value === 'command' || value === 'time') throw new Error(`--prefix ${value} is not supported (use a template with {name}, {index}, {pid})`);
  return `${value} `;
}

function usageError(message: string): ParsedManyArgs {
  return { kind: 'usage-error', message };
}
