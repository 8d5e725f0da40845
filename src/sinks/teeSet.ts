import { TeeSinkError } from '../errors.js';
import type { FailRun, OutputTap } from '../process/ports.js';
import type { OutputStreamName, SinkSpec, TeeOptions } from '../types.js';
import { FileSink } from './fileSink.js';
import type { Sink } from './sink.js';
import { isWritable, TEE_TARGETS } from './sinkSpec.js';
import { StreamSink } from './streamSink.js';

const REASONS: Record<string, string> = {
  ENOENT: 'its directory does not exist',
  ENOTDIR: 'a parent of it is not a directory',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  ENXIO: 'it is a named pipe that no process is reading',
  ERR_STREAM_DESTROYED: 'the stream was closed (destroyed) while pipemux was still writing to it',
  ERR_STREAM_WRITE_AFTER_END: 'the stream was ended while pipemux was still writing to it',
};

/**
 * The tee sinks of one run: every raw chunk of stdout or stderr goes to that stream's sinks
 * and to the `all` sinks, in arrival order. Files are opened before spawn and closed before exit.
 */
export class TeeSet implements OutputTap {
  private readonly sinks: Sink[] = [];
  private readonly routes: Record<OutputStreamName, Sink[]> = { stdout: [], stderr: [] };
  /** Which option each sink came from (`tee.stdout`, …), for errors. */
  private readonly targets = new Map<Sink, string>();
  private fail: FailRun = () => {};

  constructor(
    tee: TeeOptions,
    private readonly context: { command: string; cwd: string },
  ) {
    let streamCount = 0;
    for (const target of TEE_TARGETS) {
      const specs = tee[target];
      for (const spec of specs === undefined ? [] : Array.isArray(specs) ? specs : [specs]) {
        const sink = this.createSink(spec, `${target} stream #${++streamCount}`);
        this.sinks.push(sink);
        this.targets.set(sink, `tee.${target}`);
        if (target !== 'stderr') this.routes.stdout.push(sink);
        if (target !== 'stdout') this.routes.stderr.push(sink);
      }
    }
  }

  /** Opens every sink before changing any: one that cannot be opened leaves the others' files as they were. */
  async open(fail: FailRun): Promise<void> {
    this.fail = fail;
    const opened: Sink[] = [];
    let step = 'open';
    try {
      for (const sink of this.sinks) {
        await this.step(sink, () => sink.open());
        opened.push(sink);
      }
      this.refuseSharedFiles();
      step = 'begin';
      for (const sink of this.sinks) await this.step(sink, () => sink.begin?.());
    } catch (error) {
      // Before 'begin' nothing was written or truncated: undo the opening (a file it made is removed).
      await Promise.all(opened.map((sink) => (step === 'open' && sink.abandon ? sink.abandon() : sink.close()).catch(() => {})));
      throw error;
    }
  }

  /**
   * One regular file given twice (the same path, or two names of it): two fds would each write from
   * their own offset and overwrite each other's copies (with `append`, put them out of order).
   */
  private refuseSharedFiles(): void {
    const seen = new Map<string, Sink>();
    for (const sink of this.sinks) {
      const identity = sink instanceof FileSink ? sink.fileIdentity() : undefined;
      if (identity === undefined) continue;
      const first = seen.get(identity);
      if (first === undefined) {
        seen.set(identity, sink);
        continue;
      }
      const why = `it is given twice (${this.targets.get(first)} and ${this.targets.get(sink)}), and two writers would overwrite (or, appending, reorder) each other's copies; for both streams in one file give it once, as tee.all`;
      throw this.sinkError('cannot tee into', sink, new Error(why));
    }
  }

  private async step(sink: Sink, action: () => Promise<void> | undefined): Promise<void> {
    try {
      await action();
    } catch (error) {
      throw this.sinkError(`cannot open tee ${sink instanceof StreamSink ? 'stream' : 'file'}`, sink, error);
    }
  }

  write(stream: OutputStreamName, chunk: Buffer): boolean {
    let accepted = true;
    for (const sink of this.routes[stream]) accepted = sink.write(chunk) && accepted;
    return accepted;
  }

  async drained(stream: OutputStreamName): Promise<void> {
    await Promise.all(this.routes[stream].map((sink) => sink.drained()));
  }

  async finish(): Promise<void> {
    await Promise.all(this.sinks.map((sink) => sink.finish()));
  }

  async destroy(): Promise<void> {
    await Promise.all(this.sinks.map((sink) => sink.close().catch(() => {})));
  }

  private createSink(spec: SinkSpec, streamLabel: string): Sink {
    const onError = (sink: Sink, error: Error) => this.fail(this.sinkError('cannot write tee', sink, error));
    if (typeof spec === 'string') return new FileSink({ path: spec }, onError);
    if (isWritable(spec)) return new StreamSink(spec, false, streamLabel, onError);
    if ('stream' in spec) return new StreamSink(spec.stream, spec.end ?? false, streamLabel, onError);
    return new FileSink(spec, onError);
  }

  private sinkError(what: string, sink: Sink, error: unknown): TeeSinkError {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = (code !== undefined && REASONS[code]) || (error as Error).message;
    const { command, cwd } = this.context;
    return new TeeSinkError(`${what} ${sink.label}: ${reason}${code ? ` (${code})` : ''}`, { command, cwd, path: sink.label, code, cause: error });
  }
}
