import type { ColorPolicy, LineEncoding, LongLinePolicy, OutputMode, PipemuxOptions, StdinOption, TeeOptions } from '../types.js';

/**
 * Everything one run needs, checked and with every default filled in (by `planRun` in
 * `options.ts`, the one place defaults live). The run reads only this.
 */
export interface RunPlan {
  file: string;
  args: readonly string[];
  /** The command as shown in events and errors (file and arguments, quoted, cut when very long). */
  command: string;
  /** The child's working directory, absolute. */
  cwd: string;
  mode: 'lines' | 'chunks';
  encoding: LineEncoding;
  maxLineLength: number;
  longLines: LongLinePolicy;
  reject: boolean;
  drainTimeout: number;
  /** Kill the child if it still runs this long after spawn (ms); undefined: never. */
  timeout: number | undefined;
  stdin: StdinOption;
  stdout: OutputMode;
  stderr: OutputMode;
  tee: TeeOptions | undefined;
  echoInput: boolean;
  /** Line mode: hand over an unfinished line after this many ms without more bytes; undefined: never. */
  flushPartialAfter: number | undefined;
  lineBuffered: boolean;
  color: ColorPolicy;
  /** The `env` option as given (merged into this process's environment unless `extendEnv` is false). */
  env: Record<string, string | undefined> | undefined;
  extendEnv: boolean;
  shell: boolean | string;
  cancelSignal: AbortSignal | undefined;
  killSignal: NodeJS.Signals | number;
  /** Ms from `killSignal` to SIGKILL for a child that still runs; false: never. */
  forceKillAfterDelay: number | false;
  /** End the child's descendants too when the child is killed. */
  killTree: boolean;
  /** The options as the caller gave them: only `remote/` reads them, to plan the local ssh run. */
  options: PipemuxOptions;
}
