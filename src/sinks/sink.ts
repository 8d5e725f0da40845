/** One destination of teed bytes. Implementations: {@link FileSink}, {@link StreamSink}. */
export interface Sink {
  /** The path, or a description of the stream, for error messages. */
  readonly label: string;
  /**
   * Acquires what the sink needs (opens the file) without changing anything yet: a file is not
   * truncated until {@link begin}, so a run that fails to open another sink leaves it as it was.
   * Rejects with the system error.
   */
  open(): Promise<void>;
  /** Every sink of the run is open: make the changes opening held back (truncate a file). Rejects with the system error. */
  begin?(): Promise<void>;
  /** Opening another sink failed (the run will not start): release, and remove a file that opening made. Never rejects. */
  abandon?(): Promise<void>;
  /** Copies a chunk; false means the sink is full and the source should wait for {@link drained}. */
  write(chunk: Buffer): boolean;
  /** Resolves once the sink can take more (at once when it is not full), or can never take more (closed). */
  drained(): Promise<void>;
  /** All output was written: flush, and close what the sink owns. Resolves when done. */
  finish(): Promise<void>;
  /** Every way out: release what the sink owns, keeping what it already accepted. Safe to call twice. */
  close(): Promise<void>;
}

/** Reports a sink's write error (the run then ends with it). */
export type SinkErrorHandler = (sink: Sink, error: Error) => void;
