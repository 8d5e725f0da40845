export { pipemux } from './pipemux.js';
export type {
  ExitEvent,
  LineBufferingReport,
  LineEncoding,
  LongLinePolicy,
  MuxEvent,
  OutputEvent,
  OutputMode,
  OutputStreamName,
  PipemuxOptions,
  SpawnEvent,
  StdinEvent,
  TeeOptions,
  SinkSpec,
  FileSinkSpec,
  StreamSinkSpec,
} from './types.js';
export {
  CanceledError,
  CommandNotExecutableError,
  CommandNotFoundError,
  InterpreterNotFoundError,
  ShellNotFoundError,
  ExitError,
  InvalidCwdError,
  InvalidOptionError,
  LineTooLongError,
  PipemuxError,
  SpawnFailedError,
  StreamReadError,
  DestinationError,
  TeeSinkError,
  FifoError,
  FifoUnsupportedError,
  StdinSourceError,
  StdinWriteError,
  InputTargetError,
  RecordingError,
  ReplayError,
  RemoteError,
} from './errors.js';
export type { FifoStdin, StdinItem, StdinOption, StdinSource } from './types.js';
export type { ColorPolicy, FdKind, FdReport, TtyReport } from './types.js';
export type { RemoteOptions, RemoteSpawn } from './types.js';
export { parseHost, remoteJobs, type RemoteJobOptions } from './many/remoteJobs.js';
export { describeTty } from './tty/describeTty.js';
export { only, type EventOfType } from './operators/only.js';
export { prefix, type PrefixOptions } from './operators/prefix.js';
export { timestamps, formatElapsed, type TimestampOptions } from './operators/timestamps.js';
export { toAsyncIterable } from './operators/toAsyncIterable.js';
export { colorsAllowed, type ColorCapableStream } from './tty/colorsAllowed.js';
export { colorByName } from './operators/nameColor.js';
export { muxAll } from './many/muxAll.js';
export { grouped } from './many/grouped.js';
export type {
  AttemptSummary,
  ChildEvent,
  ChildOutcome,
  ChildRef,
  ChildSummary,
  ChildTag,
  InputMessage,
  LineJob,
  ManyEvent,
  MuxAllOptions,
  MuxJob,
  RestartOptions,
  SuccessRule,
  SummaryEvent,
} from './many/types.js';
export { ExpectEofError, ExpectTimeoutError, InputBacklogError, InputClosedError, type ExpectedPattern } from './errors.js';
export { interact } from './interact/interact.js';
export type { InteractSession } from './interact/interactSession.js';
export type { ExpectOptions, ExpectPattern, ExpectResult, InteractOptions } from './interact/types.js';
export { record } from './record/record.js';
export type { RecordOptions, RecordTarget } from './record/recordOptions.js';
export type { AsciicastFormat } from './record/asciicastFormat.js';
export { replay } from './record/replay.js';
export type { ReplayOptions } from './record/replayOptions.js';
export { renderHtmlView, type HtmlViewOptions } from './record/htmlView.js';
