import { applyRecordFlag, checkRecordArgs, RECORD_FLAGS, type RecordArgs } from './recordArgs.js';
import type { OutputMode } from '../types.js';
import { scanOptions } from './scanOptions.js';

/** How long an unfinished line (a prompt, a progress step) waits before it is shown: instant to a person. */
export const CLI_FLUSH_PARTIAL_AFTER = 100;

/** The CLI's settings, as read from its arguments. */
export interface CliSettings extends RecordArgs {
  command: string;
  args: string[];
  chunks: boolean;
  stdout: OutputMode;
  stderr: OutputMode;
  /** Show an unfinished line after this many ms; undefined with `--whole-lines`. */
  flushPartialAfter: number | undefined;
  lineBuffered: boolean;
  prefixStdout: string;
  prefixStderr: string;
  timestamps: boolean;
  teeStdout: string[];
  teeStderr: string[];
  /** Files that get both streams (`--tee`). */
  teeAll: string[];
  append: boolean;
  fifo: boolean;
  fifoPathFile: string | undefined;
  ttyReport: boolean;
  json: boolean;
  color: 'auto' | 'always' | 'never';
  maxLineLength: number | undefined;
  /** End the command's descendants too when pipemux ends the command (`--kill-tree`). */
  killTree: boolean;
}

/** What the arguments ask for. */
export type ParsedArgs = { kind: 'run'; settings: CliSettings } | { kind: 'help' } | { kind: 'version' } | { kind: 'usage-error'; message: string };

type ValueFlag =
  | (typeof RECORD_FLAGS)[number]
  | '--prefix-stdout'
  | '--prefix-stderr'
  | '--tee-stdout'
  | '--tee-stderr'
  | '--tee'
  | '--fifo-path-file'
  | '--color'
  | '--max-line-length'
  | '--stdout'
  | '--stderr';
const VALUE_FLAGS = new Set<string>([
  '--prefix-stdout',
  '--prefix-stderr',
  '--tee-stdout',
  '--tee-stderr',
  '--tee',
  '--fifo-path-file',
  '--color',
  '--max-line-length',
  '--stdout',
  '--stderr',
  ...RECORD_FLAGS,
]);
const SWITCHES = new Set<string>([
  '--chunks',
  '--timestamps',
  '--append',
  '--fifo',
  '--tty-report',
  '--json',
  '--whole-lines',
  '--line-buffered',
  '--kill-tree',
]);
const OUTPUT_MODES: readonly string[] = ['pipe', 'inherit', 'ignore'];

/**
 * Reads `pipemux [options] [--] <command> [args...]`. Options end at `--` or at the first
 * argument that is not an option, so the command's own options are never taken for ours.
 * Pure: no I/O, no process access.
 */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const settings: CliSettings = {
    command: '',
    args: [],
    chunks: false,
    stdout: 'pipe',
    stderr: 'pipe',
    flushPartialAfter: CLI_FLUSH_PARTIAL_AFTER,
    lineBuffered: false,
    prefixStdout: '',
    prefixStderr: '',
    timestamps: false,
    teeStdout: [],
    teeStderr: [],
    teeAll: [],
    append: false,
    fifo: false,
    fifoPathFile: undefined,
    ttyReport: false,
    json: false,
    color: 'auto',
    maxLineLength: undefined,
    killTree: false,
  };
  const scan = scanOptions(argv, {
    takesValue: (flag) => (SWITCHES.has(flag) ? false : VALUE_FLAGS.has(flag) ? true : undefined),
    unknown: (flag) => `unknown option ${flag}`,
    stopAt: ['--version'],
  });
  if (scan.kind === 'help') return { kind: 'help' };
  if (scan.kind === 'stop') return { kind: 'version' };
  if (scan.kind === 'usage-error') return usageError(scan.message);
  for (const { flag, value } of scan.options) {
    if (value === undefined) {
      applySwitch(settings, flag);
      continue;
    }
    const problem = applyValue(settings, flag as ValueFlag, value);
    if (problem !== undefined) return usageError(problem);
  }
  const [command, ...args] = scan.rest;
  if (command === undefined || command === '') return usageError('no command given');
  if (settings.json && !settings.ttyReport) return usageError('--json goes with --tty-report');
  if (settings.fifoPathFile !== undefined && !settings.fifo) return usageError('--fifo-path-file goes with --fifo');
  for (const stream of ['stdout', 'stderr'] as const) {
    const prefix = stream === 'stdout' ? settings.prefixStdout : settings.prefixStderr;
    if (settings[stream] !== 'pipe' && prefix !== '') return usageError(`--prefix-${stream} needs ${stream} piped, not --${stream} ${settings[stream]}`);
    const tees = stream === 'stdout' ? settings.teeStdout : settings.teeStderr;
    if (settings[stream] !== 'pipe' && (tees.length > 0 || settings.teeAll.length > 0))
      return usageError(`--tee${tees.length > 0 ? `-${stream}` : ''} needs ${stream} piped, not --${stream} ${settings[stream]}`);
  }
  const recordProblem = checkRecordArgs(settings);
  if (recordProblem !== undefined) return usageError(recordProblem);
  return { kind: 'run', settings: { ...settings, command, args } };
}

function applySwitch(settings: CliSettings, flag: string): void {
  if (flag === '--chunks') settings.chunks = true;
  else if (flag === '--timestamps') settings.timestamps = true;
  else if (flag === '--append') settings.append = true;
  else if (flag === '--fifo') settings.fifo = true;
  else if (flag === '--tty-report') settings.ttyReport = true;
  else if (flag === '--json') settings.json = true;
  else if (flag === '--whole-lines') settings.flushPartialAfter = undefined;
  else if (flag === '--line-buffered') settings.lineBuffered = true;
  else if (flag === '--kill-tree') settings.killTree = true;
}

/** Stores one option's value; returns what is wrong with it, if anything. */
function applyValue(settings: CliSettings, flag: ValueFlag, value: string): string | undefined {
  switch (flag) {
    case '--record':
    case '--record-format':
      return applyRecordFlag(settings, flag, value);
    case '--prefix-stdout':
      settings.prefixStdout = value;
      return undefined;
    case '--prefix-stderr':
      settings.prefixStderr = value;
      return undefined;
    case '--tee-stdout':
    case '--tee-stderr':
    case '--tee':
    case '--fifo-path-file':
      if (value === '') return `${flag} needs a file name`;
      if (flag === '--tee-stdout') settings.teeStdout.push(value);
      else if (flag === '--tee-stderr') settings.teeStderr.push(value);
      else if (flag === '--tee') settings.teeAll.push(value);
      else settings.fifoPathFile = value;
      return undefined;
    case '--stdout':
    case '--stderr':
      if (!OUTPUT_MODES.includes(value)) return `${flag} takes pipe, inherit or ignore, not ${JSON.stringify(value)}`;
      settings[flag === '--stdout' ? 'stdout' : 'stderr'] = value as OutputMode;
      return undefined;
    case '--color':
      if (value !== 'auto' && value !== 'always' && value !== 'never') return `--color takes auto, always or never, not ${JSON.stringify(value)}`;
      settings.color = value;
      return undefined;
    case '--max-line-length': {
      const bytes = Number(value);
      if (!/^\d+$/.test(value) || !Number.isSafeInteger(bytes) || bytes < 4)
        return `--max-line-length takes a whole number of bytes >= 4, not ${JSON.stringify(value)}`;
      settings.maxLineLength = bytes;
      return undefined;
    }
  }
}

function usageError(message: string): ParsedArgs {
  return { kind: 'usage-error', message };
}
