import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { CanceledError, ExitError, LineTooLongError, PipemuxError, StreamReadError } from '../errors.js';
import { createChunkDecoder, createLineDecoder, type OutputDecoder } from '../lines/outputDecoder.js';
import type { RunPlan } from './runPlan.js';
import type { ExitEvent, MuxEvent, OutputStreamName, SpawnEvent } from '../types.js';
import { checkCwd } from './checkCwd.js';
import { DrainWatch } from './drainWatch.js';
import { filterOutput } from './filterOutput.js';
import { OutputPump } from './outputPump.js';
import type { RunParts, StdioConfig } from './ports.js';
import { spawnChild, type Child, type ChildOutcome, type SpawnOptions } from './spawnChild.js';
import type { StopSignal } from './stopSignal.js';
import { failedSpawn, toSpawnError } from './spawnFailure.js';
import { ChildTimeout } from './childTimeout.js';
import { reapOnExit } from './tree/exitReaper.js';
import { sendSignal } from './tree/sendSignal.js';
import { TreeKill, type TreeKillOptions } from './tree/treeKill.js';

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
  private child: Child | undefined;
  private failure: PipemuxError | undefined;
  private readonly pumps: OutputPump[] = [];
  private readonly pausedOutputs = new Set<OutputStreamName>();
  private readonly drainWatch: DrainWatch;
  private readonly timeout: ChildTimeout;
  /** Set once the exit event is out (or the run failed): input written later is not echoed after it. */
  private ended = false;
  /** With `killTree`: the kill of the child and its descendants, once one was asked for. */
  private treeKill: TreeKill | undefined;
  /** Unregisters the child from the kill that runs if this process exits first. */
  private stopReaping: (() => void) | undefined;

  constructor(
    private readonly plan: RunPlan,
    private readonly emit: (event: MuxEvent) => void,
    private readonly parts: RunParts,
    private readonly clock: Clock = () => performance.now(),
  ) {
    this.drainWatch = new DrainWatch({
      pumps: this.pumps,
      elapsed: () => this.elapsed(),
      isPaused: (name) => this.pausedOutputs.has(name),
      drainTimeout: plan.drainTimeout,
    });
    this.timeout = new ChildTimeout(
      plan.timeout,
      () => this.child,
      () => this.killChild(),
    );
  }

  /**
   * Runs the child to its end. Resolves after the exit event was emitted; rejects with the typed
   * error that ended the run. Aborting `stop` kills the child (the run still waits for its exit
   * and releases everything before it settles).
   */
  async run(stop: StopSignal): Promise<void> {
    const { plan, parts } = this;
    const fail = (error: PipemuxError) => this.fail(error);
    const onStop = () => this.stopChild();
    stop.addEventListener('abort', onStop);
    const onCancel = () => this.killChild();
    let exited: Promise<[number | null, string | null, number]> | undefined;
    try {
      // Checked first when tee files or a FIFO would be made for nothing; else the spawn tells (see below).
      if (parts.tap !== undefined || parts.input !== undefined) await checkCwd(plan.cwd, plan.command);
      await parts.tap?.open(fail);
      await parts.input?.prepare(fail);
      const lineBuffering = await parts.lineBuffering?.(this.baseEnvironment());
      if (stop.aborted) return;
      // A part may already have failed (a stdin source that errors at once): spawn nothing then.
      if (this.failure) throw this.failure;
      this.throwIfCanceled();
      const stdio: StdioConfig = { stdin: parts.input?.spawnStdin ?? 'ignore', stdout: plan.stdout, stderr: plan.stderr };
      this.startTime = this.clock();
      const env = { ...plan.env, ...parts.env, ...lineBuffering?.env };
      const { child, outcome } = spawnChild(plan.file, plan.args, { ...this.spawnSettings(), env, ...stdio });
      this.child = child;
      plan.cancelSignal?.addEventListener('abort', onCancel);
      exited = waitForExit(child, outcome, this.clock);
      // Some spawn failures (E2BIG, …) raise no event at all: only the outcome tells.
      const started = await Promise.race([
        once(child, 'spawn').then(
          () => true,
          () => false,
        ),
        outcome.then(() => false),
      ]);
      if (!started) {
        await checkCwd(plan.cwd, plan.command);
        throw await toSpawnError(await outcome, failedSpawn(plan, env));
      }
      this.stopReaping = reapOnExit({ members: () => [{ pid: child.pid! }], tree: plan.killTree, ...this.killOptions() });
      const spawnTime = this.elapsed();
      this.timeout.start();
      // Listen before the inspection: Node resumes the unread output of a child that exits (and drops it).
      for (const name of OUTPUT_STREAMS) {
        const stream = child[name];
        if (stream !== null) this.pumps.push(this.pump(stream, name));
      }
      const drained = Promise.all(this.pumps.map((pump) => pump.done));
      const { tty } = await parts.inspect(child.pid!, stdio);
      this.throwIfFailed(stop);
      const spawnEvent: SpawnEvent = { type: 'spawn', pid: child.pid!, command: plan.command, tty, time: spawnTime };
      if (parts.input?.fifoPath !== undefined) spawnEvent.fifoPath = parts.input.fifoPath;
      if (lineBuffering !== undefined) spawnEvent.lineBuffering = lineBuffering.report;
      this.emit(spawnEvent);
      this.startReading();
      parts.input?.start(child.stdin, (data) => {
        if (parts.echoInput && !this.ended) this.emit({ type: 'stdin', data, seq: this.seq++, time: this.elapsed() });
      });
      void exited.then(([, , exitTime]) => {
        parts.input?.childExited();
        this.drainWatch.start(exitTime - this.startTime);
      });
      const [[code, signal, exitTime]] = await Promise.all([exited, drained]);
      await outcome;
      this.throwIfFailed(stop);
      await parts.tap?.finish();
      this.throwIfFailed(stop);
      this.ended = true;
      const { timedOut } = this.timeout;
      this.emit(this.exitEvent(code, signal, exitTime, timedOut));
      if (plan.reject && (code !== 0 || signal !== null || timedOut)) throw this.exitError(code, signal, timedOut);
    } finally {
      this.ended = true;
      this.drainWatch.stop();
      this.timeout.stop();
      stop.removeEventListener('abort', onStop);
      plan.cancelSignal?.removeEventListener('abort', onCancel);
      this.stopChild();
      // An early failure may leave the child running for a moment: release nothing before it is gone.
      await exited;
      this.stopReaping?.();
      void this.treeKill?.recheck();
      await Promise.all([parts.tap?.destroy(), parts.input?.dispose()]);
    }
  }

  private elapsed(): number {
    return this.clock() - this.startTime;
  }

  /** The environment the child would get without pipemux's own additions. */
  private baseEnvironment(): Record<string, string | undefined> {
    const { env, extendEnv } = this.plan;
    return extendEnv ? { ...process.env, ...env } : { ...env };
  }

  /** What spawning needs from the plan (its defaults are filled there). */
  private spawnSettings(): Omit<SpawnOptions, 'env' | keyof StdioConfig> {
    const { cwd, extendEnv, shell, killSignal, forceKillAfterDelay } = this.plan;
    return { cwd, extendEnv, shell, killSignal, forceKillAfterDelay };
  }

  private throwIfFailed(stop: StopSignal): void {
    if (this.failure) throw this.failure;
    if (stop.aborted) throw new PipemuxError('stopped (unsubscribed)', this.plan);
  }

  /** An aborted `cancelSignal` means: do not run it (execa would spawn it, then kill it). */
  private throwIfCanceled(): void {
    const { cancelSignal } = this.plan;
    if (cancelSignal?.aborted !== true) return;
    const { command, cwd } = this.plan;
    throw new CanceledError('not run: its cancelSignal was aborted before it started', { command, cwd, cause: cancelSignal.reason });
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
    return new OutputPump(
      stream,
      name,
      () => this.elapsed(),
      filterOutput(this.parts.outputFilter, name, {
        chunk: (chunk, time) => {
          if (tap !== undefined && !tap.write(name, chunk)) this.pauseUntilDrained(stream, name);
          decoder.write(chunk, time);
        },
        end: (cutOff) => decoder.end(cutOff),
        error: (error) => {
          this.fail(new StreamReadError(`reading its ${name} failed: ${error.message}`, { command: this.plan.command, cwd: this.plan.cwd, cause: error }));
        },
      }),
    );
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
    const onData = (data: string | Buffer, partial: boolean, time: number) => {
      const seq = this.seq++;
      this.emit(partial ? { type: name, data, seq, time, partial: true } : { type: name, data, seq, time });
    };
    if (plan.mode === 'chunks') return createChunkDecoder(onData);
    const onTooLong = (lengthSoFar: number) =>
      this.fail(
        new LineTooLongError(`a line on its ${name} is longer than maxLineLength (${plan.maxLineLength} bytes; ${lengthSoFar} so far)`, {
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
    this.killChild();
    for (const pump of this.pumps) pump.forceClose();
    for (const name of OUTPUT_STREAMS) child[name]?.destroy();
  }

  /** Sends the child `killSignal` (execa adds SIGKILL after `forceKillAfterDelay`); with `killTree`, its descendants too. */
  private killChild(): void {
    const { child } = this;
    // A child that never started has no pid: its kill() signals whatever pid libuv's unset handle holds (0: our process group).
    if (child?.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const pid = child.pid;
    // SIGCONT after the signal: a stopped child (the timeout freezes it to look at it) acts on it.
    const killRoot = () => {
      child.kill();
      sendSignal(pid, 'SIGCONT');
    };
    if (this.plan.killTree) this.treeKill ??= new TreeKill(pid, killRoot, this.killOptions());
    else killRoot();
  }

  private killOptions(): TreeKillOptions {
    const { killSignal, forceKillAfterDelay } = this.plan;
    return { killSignal, forceKillAfterDelay };
  }

  private exitEvent(code: number | null, signal: string | null, exitTime: number, timedOut: boolean): ExitEvent {
    const event: ExitEvent = { type: 'exit', code, signal, timedOut, durationMs: exitTime - this.startTime, time: this.elapsed() };
    if (this.drainWatch.held.length > 0) event.pipesHeldOpen = [...this.drainWatch.held];
    return event;
  }

  private exitError(code: number | null, signal: string | null, timedOut: boolean): ExitError {
    const { command, cwd } = this.plan;
    const ended = signal !== null ? `was killed with ${signal}` : `exited with code ${code}`;
    const how = timedOut ? `timed out and ${signal !== null ? ended : `was sent ${String(this.plan.killSignal)}, then ${ended}`}` : ended;
    return new ExitError(how, { command, cwd, exitCode: code, signal, timedOut });
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
