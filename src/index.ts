export { pipemux } from './pipemux.js';
export type { ExitEvent, LineEncoding, LongLinePolicy, MuxEvent, OutputEvent, OutputStreamName, PipemuxOptions, SpawnEvent, StdinEvent, TeeOptions, SinkSpec, FileSinkSpec, StreamSinkSpec } from './types.js';
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
  TeeSinkError,
  FifoError,
  FifoUnsupportedError,
  StdinSourceError,
  StdinWriteError,
  RecordingError,
  ReplayError,
} from './errors.js';
export type { FifoStdin, StdinItem, StdinOption, StdinSource } from './types.js';
export type { ColorPolicy, FdKind, FdReport, TtyReport } from './types.js';
export { describeTty } from './tty/describeTty.js';
export { only } from './operators/only.js';
export { prefix, type PrefixOptions } from './operators/prefix.js';
export { timestamps, formatElapsed, type TimestampOptions } from './operators/timestamps.js';
export { toAsyncIterable } from './operators/toAsyncIterable.js';
export { record } from './record/record.js';
export type { RecordOptions, RecordTarget } from './record/recordOptions.js';
export type { AsciicastFormat } from './record/asciicastFormat.js';
export { replay } from './record/replay.js';
export type { ReplayOptions } from './record/replayOptions.js';
export { renderHtmlView, type HtmlViewOptions } from './record/htmlView.js';
