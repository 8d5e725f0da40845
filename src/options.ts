import { constants as bufferConstants } from 'node:buffer';
import { constants as osConstants } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeValue, InvalidOptionError } from './errors.js';
import { formatCommand } from './process/formatCommand.js';
import { checkStdinOption, resolveFifoDir } from './stdin/checkStdinOption.js';
import { checkTeeOption } from './sinks/sinkSpec.js';
import { checkRemoteOption } from './remote/checkRemoteOption.js';
import type { RunPlan } from './process/runPlan.js';
import type { LineEncoding, OutputMode, PipemuxOptions } from './types.js';
import { MAX_DELAY_MS } from './limits.js';

export type { RunPlan };

/** Default `maxLineLength`: long enough for any sane line, small enough to bound memory. */
export const DEFAULT_MAX_LINE_LENGTH = 16 * 1024 * 1024;
/** Default `drainTimeout`. */
export const DEFAULT_DRAIN_TIMEOUT = 2000;
/** Default `forceKillAfterDelay` (execa's): ms from `killSignal` to SIGKILL. */
export const DEFAULT_FORCE_KILL_AFTER_DELAY = 5000;
const LINE_ENCODINGS: readonly LineEncoding[] = ['utf8', 'utf-8', 'latin1', 'ascii'];
const OUTPUT_MODES: readonly OutputMode[] = ['pipe', 'inherit', 'ignore'];
// The signals this platform knows (execa accepts exactly these, by name or number).
const SIGNAL_NUMBERS = new Set<unknown>(Object.values(osConstants.signals));
const isKnownSignal = (value: unknown) => (typeof value === 'string' && Object.hasOwn(osConstants.signals, value)) || SIGNAL_NUMBERS.has(value);
// Node refuses to spawn with a NUL byte in the file, an argument or the environment.
const hasNul = (text: string) => text.includes('\0');

type Check = (value: unknown) => string | undefined;

const isNonNegativeInteger = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0;
// Node's timers hold at most 2^31 - 1 ms (~24.8 days); a longer delay fires after 1 ms instead.
const isDelay = (value: unknown) => isNonNegativeInteger(value) && (value as number) <= MAX_DELAY_MS;
const DELAY_RANGE = `an integer from 0 to ${MAX_DELAY_MS} (ms)`;
const oneOf =
  (allowed: readonly unknown[]): Check =>
  (value) =>
    allowed.includes(value) ? undefined : `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`;
const booleanCheck: Check = (value) => (typeof value === 'boolean' ? undefined : 'must be a boolean');

/** One check per option; an option missing here is unknown and rejected (typos do not pass silently). */
const OPTION_CHECKS: Record<keyof PipemuxOptions, Check> = {
  mode: oneOf(['lines', 'chunks']),
  stdout: oneOf(OUTPUT_MODES),
  stderr: oneOf(OUTPUT_MODES),
  flushPartialAfter: (value) => (isDelay(value) ? undefined : `must be ${DELAY_RANGE}`),
  lineBuffered: booleanCheck,
  encoding: oneOf(LINE_ENCODINGS),
  // A line is decoded into one string: longer than V8's longest string, decoding would throw.
  maxLineLength: (value) =>
    Number.isSafeInteger(value) && (value as number) >= 4 && (value as number) <= bufferConstants.MAX_STRING_LENGTH
      ? undefined
      : `must be an integer from 4 to ${bufferConstants.MAX_STRING_LENGTH} (bytes)`,
  longLines: oneOf(['split', 'error']),
  cwd: (value) =>
    typeof value === 'string' || (value instanceof URL && localPathOf(value) !== undefined) ? undefined : 'must be a string or a file URL of a local path',
  env: (value) =>
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.entries(value).every(([k, v]) => !hasNul(k) && (v === undefined || (typeof v === 'string' && !hasNul(v))))
      ? undefined
      : 'must be an object of strings without NUL bytes',
  extendEnv: booleanCheck,
  timeout: (value) => (isDelay(value) ? undefined : `must be ${DELAY_RANGE}`),
  cancelSignal: (value) => (value instanceof AbortSignal ? undefined : 'must be an AbortSignal'),
  killSignal: (value) => (isKnownSignal(value) ? undefined : "must be a signal name such as 'SIGTERM' or a signal number known on this platform"),
  forceKillAfterDelay: (value) => (typeof value === 'boolean' || isDelay(value) ? undefined : `must be a boolean or ${DELAY_RANGE}`),
  killTree: booleanCheck,
  shell: (value) => (typeof value === 'boolean' || (typeof value === 'string' && value !== '') ? undefined : "must be a boolean or a shell's path"),
  reject: booleanCheck,
  drainTimeout: (value) => (isDelay(value) ? undefined : `must be ${DELAY_RANGE}`),
  stdin: checkStdinOption,
  echoInput: booleanCheck,
  tee: checkTeeOption,
  color: oneOf(['auto', 'always', 'never']),
  remote: checkRemoteOption,
};

/**
 * Checks the call's arguments and fills in defaults.
 * @throws InvalidOptionError for a wrong file, argument list or option: these are programming errors.
 */
export function planRun(file: unknown, args: unknown, options: unknown): RunPlan {
  const argList = args ?? [];
  const command = formatCommand(toText(file), Array.isArray(argList) ? argList.map(toText) : []);
  const given = (options ?? {}) as Record<string, unknown>;
  const cwd = resolveCwd(given['cwd']);
  const fail = (option: string, message: string): never => {
    throw new InvalidOptionError(`invalid ${option}: ${message}`, { command, cwd, option });
  };
  if (typeof file !== 'string' || file === '' || hasNul(file)) fail('file', 'must be a non-empty string without NUL bytes');
  if (!Array.isArray(argList) || !argList.every((a) => typeof a === 'string' && !hasNul(a))) fail('args', 'must be an array of strings without NUL bytes');
  if (typeof given !== 'object' || Array.isArray(given)) fail('options', 'must be an object');
  for (const [name, value] of Object.entries(given)) {
    if (value === undefined) continue;
    const check = OPTION_CHECKS[name as keyof PipemuxOptions] as Check | undefined;
    if (check === undefined) fail(name, 'unknown option');
    const problem = check!(value);
    if (problem !== undefined) fail(name, `${problem}, got ${describeValue(value)}`);
  }
  const valid = given as PipemuxOptions;
  const stdout = valid.stdout ?? 'pipe';
  const stderr = valid.stderr ?? 'pipe';
  const unpipedTee = unpipedTeeTarget(valid, stdout, stderr);
  if (unpipedTee !== undefined)
    fail('tee', `tees ${unpipedTee}, which is not piped (${unpipedTee}: '${unpipedTee === 'stdout' ? stdout : stderr}'): only a piped stream can be copied`);
  return {
    file: file as string,
    args: argList as string[],
    command,
    cwd,
    mode: valid.mode ?? 'lines',
    encoding: valid.encoding ?? 'utf8',
    maxLineLength: valid.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH,
    longLines: valid.longLines ?? 'split',
    reject: valid.reject ?? false,
    drainTimeout: valid.drainTimeout ?? DEFAULT_DRAIN_TIMEOUT,
    timeout: valid.timeout === 0 ? undefined : valid.timeout,
    stdout,
    stderr,
    stdin: resolveFifoDir(valid.stdin) ?? 'ignore',
    tee: valid.tee,
    echoInput: valid.echoInput ?? false,
    flushPartialAfter: valid.mode === 'chunks' ? undefined : valid.flushPartialAfter,
    lineBuffered: valid.lineBuffered ?? false,
    color: valid.color ?? 'auto',
    env: valid.env,
    extendEnv: valid.extendEnv ?? true,
    shell: valid.shell ?? false,
    cancelSignal: valid.cancelSignal,
    killSignal: valid.killSignal ?? 'SIGTERM',
    forceKillAfterDelay:
      valid.forceKillAfterDelay === true || valid.forceKillAfterDelay === undefined ? DEFAULT_FORCE_KILL_AFTER_DELAY : valid.forceKillAfterDelay,
    killTree: valid.killTree ?? false,
    options: valid,
  };
}

/** The stream a tee asks to copy although it is not piped (`all` needs both), if any. */
function unpipedTeeTarget(options: PipemuxOptions, stdout: OutputMode, stderr: OutputMode): 'stdout' | 'stderr' | undefined {
  const wants = (target: 'stdout' | 'stderr' | 'all') => {
    const specs = options.tee?.[target];
    return specs !== undefined && (!Array.isArray(specs) || specs.length > 0);
  };
  if (stdout !== 'pipe' && (wants('stdout') || wants('all'))) return 'stdout';
  if (stderr !== 'pipe' && (wants('stderr') || wants('all'))) return 'stderr';
  return undefined;
}

function resolveCwd(cwd: unknown): string {
  if (cwd instanceof URL) return localPathOf(cwd) ?? cwd.href;
  return typeof cwd === 'string' ? resolve(cwd) : process.cwd();
}

/** The path of a `file:` URL, or undefined when it names none here (another protocol, a remote host, an encoded `/`). */
function localPathOf(url: URL): string | undefined {
  if (url.protocol !== 'file:') return undefined;
  try {
    return fileURLToPath(url);
  } catch {
    return undefined;
  }
}

/** String(value) for a message, also for values that cannot be converted (an object without a prototype). */
function toText(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
