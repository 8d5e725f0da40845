import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { ExitError, LineTooLongError, PipemuxError, StreamReadError } from '../errors.js';
import { createChunkDecoder, createLineDecoder, type OutputDecoder } from '../lines/outputDecoder.js';
import type { RunPlan } from '../options.js';
import type { ExitEvent, MuxEvent, OutputStreamName } from '../types.js';
import { checkCwd } from './checkCwd.js';
import { spawnChild, type Child, type ChildStdin } from './spawnChild.js';
import { toSpawnError } from './spawnFailure.js';

/** A monotonic clock in milliseconds. */
export type Clock = () => number;

const OUTPUT_STREAMS: readonly OutputStreamName[] = ['stdout', 'stderr'];

/**
 * One child from spawn to exit: emits `spawn`, every data event in arrival order, then `exit`
 * once the child exited and both its output streams ended, so no byte is lost.
 */
export class ChildRun {
  private seq = 0;
  private startTime = 0;
  private chunkTime = 0;
  private child: Child | undefined;
  private failure: PipemuxError | undefined;
  private readonly openOutputs = new Set<OutputStreamName>();
  private readonly pipesHeldOpen: OutputStreamName[] = [];

  constructor(
    private readonly plan: RunPlan,
    private readonly emit: (event: MuxEvent) => void,
    private readonly clock: Clock = () => performance.now(),
  ) {}

  /**
   * Runs the child to its end. Resolves after the exit event was emitted; rejects with the typed
   * error that ended the run. Aborting `stop` kills the child (the run still waits for its exit).
   */
  async run(stop: AbortSignal, stdin: ChildStdin = 'ignore'): Promise<void> {
    const { plan } = this;
    await checkCwd(plan.cwd, plan.command);
    if (stop.aborted) return;
    this.startTime = this.clock();
    const { child, outcome } = spawnChild(plan.file, plan.args, { ...plan.options, cwd: plan.cwd, stdin });
    this.child = child;
    const exited = waitForExit(child, this.clock);
    const onStop = () => this.stopChild();
    stop.addEventListener('abort', onStop);
    let drainTimer: NodeJS.Timeout | undefined;
    try {
      try {
        await once(child, 'spawn');
      } catch {
        throw toSpawnError(await outcome, plan.command, plan.cwd);
      }
      this.emit({ type: 'spawn', pid: child.pid!, command: plan.command, time: this.elapsed() });
      const drained = Promise.all(OUTPUT_STREAMS.map((name) => this.pump(child[name], name)));
      void exited.then(() => {
        if (this.openOutputs.size > 0) drainTimer = setTimeout(() => this.closeHeldPipes(), plan.drainTimeout);
      });
      const [[code, signal, exitTime]] = await Promise.all([exited, drained]);
      const { timedOut } = await outcome;
      if (this.failure) throw this.failure;
      this.emit(this.exitEvent(code, signal, exitTime, timedOut));
      if (plan.reject && (code !== 0 || signal !== null)) throw this.exitError(code, signal, timedOut);
    } finally {
      clearTimeout(drainTimer);
      stop.removeEventListener('abort', onStop);
      this.destroyOutputs();
      // On early failures the child may still be running; make sure it does not outlive the run.
      await exited;
    }
  }

  private elapsed(): number {
    return this.clock() - this.startTime;
  }

  /** Reads one output stream to its end; resolves once it ended or closed and its last line was handed over. */
  private pump(stream: Readable, name: OutputStreamName): Promise<void> {
    this.openOutputs.add(name);
    const decoder = this.createDecoder(name);
    return new Promise((resolve) => {
      const finish = () => {
        if (!this.openOutputs.delete(name)) return;
        decoder.end();
        resolve();
      };
      stream.on('data', (chunk: Buffer) => {
        this.chunkTime = this.elapsed();
        decoder.write(chunk);
      });
      stream.once('end', finish);
      stream.once('close', finish);
      stream.on('error', (error) => {
        this.fail(new StreamReadError(`reading ${name} of ${this.plan.command} failed: ${error.message}`, { command: this.plan.command, cwd: this.plan.cwd, cause: error }));
      });
      stream.resume();
    });
  }

  private createDecoder(name: OutputStreamName): OutputDecoder {
    const { plan } = this;
    const onData = (data: string | Buffer, partial: boolean) => {
      const seq = this.seq++;
      this.emit(partial ? { type: name, data, seq, time: this.chunkTime, partial: true } : { type: name, data, seq, time: this.chunkTime });
    };
    if (plan.mode === 'chunks') return createChunkDecoder(onData);
    const onTooLong = (lengthSoFar: number) =>
      this.fail(
        new LineTooLongError(`a line on ${name} of ${plan.command} is longer than maxLineLength (${plan.maxLineLength} bytes; ${lengthSoFar} so far)`, {
          command: plan.command,
          cwd: plan.cwd,
          stream: name,
          maxLineLength: plan.maxLineLength,
        }),
      );
    return createLineDecoder(onData, onTooLong, plan);
  }

  /** Ends the run with `error` (the first one wins): the child is killed and its output dropped. */
  private fail(error: PipemuxError): void {
    this.failure ??= error;
    this.stopChild();
  }

  private stopChild(): void {
    this.child?.kill();
    this.destroyOutputs();
  }

  private destroyOutputs(): void {
    if (this.child === undefined) return;
    for (const name of OUTPUT_STREAMS) this.child[name].destroy();
  }

  /** The child exited but a grandchild still holds these pipes: stop waiting for them. */
  private closeHeldPipes(): void {
    for (const name of this.openOutputs) {
      this.pipesHeldOpen.push(name);
      this.child?.[name].destroy();
    }
  }

  private exitEvent(code: number | null, signal: string | null, exitTime: number, timedOut: boolean): ExitEvent {
    const event: ExitEvent = { type: 'exit', code, signal, timedOut, durationMs: exitTime - this.startTime, time: this.elapsed() };
    if (this.pipesHeldOpen.length > 0) event.pipesHeldOpen = [...this.pipesHeldOpen];
    return event;
  }

  private exitError(code: number | null, signal: string | null, timedOut: boolean): ExitError {
    const { command, cwd } = this.plan;
    const how = timedOut ? `timed out and was killed with ${signal}` : signal !== null ? `was killed with ${signal}` : `exited with code ${code}`;
    return new ExitError(`${command} ${how} (cwd: ${cwd})`, { command, cwd, exitCode: code, signal, timedOut });
  }
}

/** Resolves with the child's exit code, signal and the clock's time at exit (or nulls if it never started). */
function waitForExit(child: Child, clock: Clock): Promise<[number | null, string | null, number]> {
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve([code, signal, clock()]));
    child.once('error', () => {
      if (child.pid === undefined) resolve([null, null, clock()]);
    });
  });
}
