/** One destination of teed bytes. Implementations: {@link FileSink}, {@link StreamSink}. */
export interface Sink {
  /** The path, or a description of the stream, for error messages. */
  readonly label: string;
  /** Acquires what the sink needs (opens the file). Rejects with the system error. */
  open(): Promise<void>;
  /** Copies a chunk; false means the sink is full and the source should wait for {@link drained}. */
  write(chunk: Buffer): boolean;
  /** Resolves once the sink can take more (at once when it is not full). */
  drained(): Promise<void>;
  /** All output was written: flush, and close what the sink owns. Resolves when done. */
  finish(): Promise<void>;
  /** Every way out: release what the sink owns, keeping what it already accepted. Safe to call twice. */
  close(): Promise<void>;
}

/** Reports a sink's write error (the run then ends with it). */
export type SinkErrorHandler = (sink: Sink, error: Error) => void;
