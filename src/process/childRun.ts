import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { ExitError, LineTooLongError, PipemuxError, StreamReadError } from '../errors.js';
import { createChunkDecoder, createLineDecoder, type OutputDecoder } from '../lines/outputDecoder.js';
import type { RunPlan } from '../options.js';
import type { ExitEvent, MuxEvent, OutputStreamName, SpawnEvent } from '../types.js';
import { checkCwd } from './checkCwd.js';
import { OutputPump } from './outputPump.js';
import type { RunParts } from './runParts.js';
import { spawnChild, type Child, type ChildOutcome, type ChildStdin } from './spawnChild.js';
import { toSpawnError } from './spawnFailure.js';

/** A monotonic clock in milliseconds. */
export type Clock = () => number;

const OUTPUT_STREAMS: readonly OutputStreamName[] = ['stdout', 'stderr'];

/**
 * One child from spawn to exit: emits `spawn`, every data event in arrival order, then `exit`
 * once the child exited, both its output streams ended and the tee sinks were flushed, so no
 * byte is lost. Everything the run acquired is released on every way out.
 */
export class ChildRun {
  private seq = 0;
  private startTime = 0;
  private chunkTime = 0;
  private child: Child | undefined;
  private failure: PipemuxError | undefined;
  private readonly pumps: OutputPump[] = [];
  private readonly pausedOutputs = new Set<OutputStreamName>();
  private readonly pipesHeldOpen: OutputStreamName[] = [];
  private drainTimer: NodeJS.Timeout | undefined;
  /** Set once the exit event is out (or the run failed): input written later is not echoed after it. */
  private ended = false;

  constructor(
    private readonly plan: RunPlan,
    private readonly emit: (event: MuxEvent) => void,
    private readonly parts: RunParts,
    private readonly clock: Clock = () => performance.now(),
  ) {}

  /**
   * Runs the child to its end. Resolves after the exit event was emitted; rejects with the typed
   * error that ended the run. Aborting `stop` kills the child (the run still waits for its exit
   * and releases everything before it settles).
   */
  async run(stop: AbortSignal): Promise<void> {
    const { plan, parts } = this;
    const fail = (error: PipemuxError) => this.fail(error);
    const onStop = () => this.stopChild();
    stop.addEventListener('abort', onStop);
    let exited: Promise<[number | null, string | null, number]> | undefined;
    try {
      await checkCwd(plan.cwd, plan.command);
      await parts.tap?.open(fail);
      await parts.input?.prepare(fail);
      if (stop.aborted) return;
      // A part may already have failed (a stdin source that errors at once): spawn nothing then.
      if (this.failure) throw this.failure;
      const stdin: ChildStdin | number = parts.input?.spawnStdin ?? 'ignore';
      this.startTime = this.clock();
      const env = parts.env === undefined ? plan.options.env : { ...plan.options.env, ...parts.env };
      const { child, outcome } = spawnChild(plan.file, plan.args, { ...plan.options, env, cwd: plan.cwd, stdin });
      this.child = child;
      exited = waitForExit(child, outcome, this.clock);
      // Some spawn failures (a NUL byte in env, …) raise no event at all: only execa's outcome tells.
      const started = await Promise.race([once(child, 'spawn').then(() => true, () => false), outcome.then(() => false)]);
      if (!started) throw toSpawnError(await outcome, plan.command, plan.cwd);
      const spawnTime = this.elapsed();
      // Listen before the inspection: Node resumes the unread output of a child that exits (and drops it).
      for (const name of OUTPUT_STREAMS) this.pumps.push(this.pump(child[name], name));
      const drained = Promise.all(this.pumps.map((pump) => pump.done));
      const { tty } = await parts.inspect(child.pid!, stdin);
      this.throwIfFailed(stop);
      const spawnEvent: SpawnEvent = { type: 'spawn', pid: child.pid!, command: plan.command, tty, time: spawnTime };
      if (parts.input?.fifoPath !== undefined) spawnEvent.fifoPath = parts.input.fifoPath;
      this.emit(spawnEvent);
      this.startReading();
      parts.input?.start(child.stdin, (data) => {
        if (parts.echoInput && !this.ended) this.emit({ type: 'stdin', data, seq: this.seq++, time: this.elapsed() });
      });
      void exited.then(() => this.armDrainTimer());
      const [[code, signal, exitTime]] = await Promise.all([exited, drained]);
      const { timedOut } = await outcome;
      this.throwIfFailed(stop);
      await parts.tap?.finish();
      this.throwIfFailed(stop);
      this.ended = true;
      this.emit(this.exitEvent(code, signal, exitTime, timedOut));
      if (plan.reject && (code !== 0 || signal !== null)) throw this.exitError(code, signal, timedOut);
    } finally {
      this.ended = true;
      clearTimeout(this.drainTimer);
      stop.removeEventListener('abort', onStop);
      this.stopChild();
      // An early failure may leave the child running for a moment: release nothing before it is gone.
      await exited;
      await Promise.all([parts.tap?.destroy(), parts.input?.dispose()]);
    }
  }

  private elapsed(): number {
    return this.clock() - this.startTime;
  }

  private throwIfFailed(stop: AbortSignal): void {
    if (this.failure) throw this.failure;
    if (stop.aborted) throw new PipemuxError(`${this.plan.command} was stopped (unsubscribed)`, this.plan);
  }

  /** Hands over what arrived before the spawn event, then lets the (still paused) output streams flow. */
  private startReading(): void {
    for (const pump of this.pumps) {
      pump.release();
      if (!pump.isEnded && !this.pausedOutputs.has(pump.name)) pump.stream.resume();
    }
  }

  /** Starts reading one output stream: chunks go to the tee sinks and the decoder, its end flushes the last line. */
  private pump(stream: Readable, name: OutputStreamName): OutputPump {
    const decoder = this.createDecoder(name);
    const { tap } = this.parts;
    return new OutputPump(stream, name, () => this.elapsed(), {
      chunk: (chunk, time) => {
        this.chunkTime = time;
        if (tap !== undefined && !tap.write(name, chunk)) this.pauseUntilDrained(stream, name);
        decoder.write(chunk);
      },
      end: () => decoder.end(),
      error: (error) => {
        this.fail(new StreamReadError(`reading ${name} of ${this.plan.command} failed: ${error.message}`, { command: this.plan.command, cwd: this.plan.cwd, cause: error }));
      },
    });
  }

  /** Backpressure: the child's pipe fills and the child blocks on its writes until the sinks drain. */
  private pauseUntilDrained(stream: Readable, name: OutputStreamName): void {
    if (this.pausedOutputs.has(name)) return;
    this.pausedOutputs.add(name);
    stream.pause();
    void this.parts.tap!.drained(name).then(() => {
      this.pausedOutputs.delete(name);
      if (!stream.destroyed) stream.resume();
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
    const { child } = this;
    if (child === undefined) return;
    // A child that never started has no pid: its kill() signals whatever pid libuv's unset handle holds (0: our process group).
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) child.kill();
    for (const name of OUTPUT_STREAMS) child[name].destroy();
  }

  /**
   * After the child exited, waits `drainTimeout` ms for its pipes to close; a grandchild that
   * inherited them may hold them open forever. Time paused by backpressure does not count.
   */
  private armDrainTimer(): void {
    if (this.pumps.every((pump) => pump.isEnded)) return;
    this.drainTimer = setTimeout(() => {
      if (this.pausedOutputs.size > 0) return this.armDrainTimer();
      for (const pump of this.pumps.filter((open) => !open.isEnded)) {
        this.pipesHeldOpen.push(pump.name);
        pump.stream.destroy();
      }
    }, this.plan.drainTimeout);
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

/** Resolves with the child's exit code, signal and the clock's time at exit (nulls if it never started). */
function waitForExit(child: Child, outcome: Promise<ChildOutcome>, clock: Clock): Promise<[number | null, string | null, number]> {
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve([code, signal, clock()]));
    const neverStarted = () => {
      if (child.pid === undefined) resolve([null, null, clock()]);
    };
    child.once('error', neverStarted);
    void outcome.then(neverStarted);
  });
}
