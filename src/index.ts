export { pipemux } from './pipemux.js';
export type { ExitEvent, LineEncoding, LongLinePolicy, MuxEvent, OutputEvent, OutputStreamName, PipemuxOptions, SpawnEvent } from './types.js';
export {
  CommandNotExecutableError,
  CommandNotFoundError,
  ExitError,
  InvalidCwdError,
  InvalidOptionError,
  LineTooLongError,
  PipemuxError,
  SpawnFailedError,
  StreamReadError,
} from './errors.js';
