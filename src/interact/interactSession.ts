import { constants as osConstants } from 'node:os';
import { StringDecoder } from 'node:string_decoder';
import { Subject, type Observable } from 'rxjs';
import { InputBacklogError, InputClosedError, InvalidOptionError, type ExpectedPattern } from '../errors.js';
import { pipemux } from '../pipemux.js';
import type { ExitEvent, MuxEvent, OutputStreamName, SpawnEvent } from '../types.js';
import { checkExpectArguments } from './expectArguments.js';
import { expectHitEof, expectTimedOut, type ErrorContext } from './expectFailures.js';
import { ExpectQueue } from './expectQueue.js';
import { planSession, type SessionPlan } from './interactOptions.js';
import { PendingExpect } from './pendingExpect.js';
import { SessionInput, type OfferRefusal } from './sessionInput.js';
import { SessionText } from './sessionText.js';
import type { ExpectOptions, ExpectResult, InteractOptions } from './types.js';
import { sendSignal } from '../process/tree/sendSignal.js';

/**
 * A running child driven through its pipes: `expect()` what it prints, `send()` what it should
 * read. Made by {@link interact}.
 *
 * @example
 * ```ts
 * await using script = interact('sh', ['confirm.sh']);  // close() when the block ends
 * await script.expect('Continue? [y/N] ');
 * await script.sendLine('y');
 * const { index } = await script.expect([/done\n/, 'aborted']);
 * ```
 */
export class InteractSession implements AsyncDisposable {
  /**
   * The session's whole timeline (`spawn`, raw output chunks as Buffers, `stdin` events for what
   * was sent, `exit`). It is hot: subscribe right after `interact()` (the child's first event
   * never comes sooner) to see every event from spawn on; a later subscriber sees what comes next.
   */
  readonly timeline: Observable<MuxEvent<Buffer>>;
  /**
   * The exit event, once the child exited and all its output was read. Rejects with the typed error
   * that ended the timeline (`CommandNotFoundError`, …, or `ExitError` with `reject: true`).
   */
  readonly exited: Promise<ExitEvent>;
  private readonly plan: SessionPlan;
  private readonly events = new Subject<MuxEvent<Buffer>>();
  private readonly text: SessionText;
  private readonly input: SessionInput;
  private readonly decoders: Record<OutputStreamName, StringDecoder>;
  private readonly expects: ExpectQueue;
  private readonly stopper = new AbortController();
  private readonly finished: Promise<void>;
  private spawnEvent: SpawnEvent | undefined;
  private exitEvent: ExitEvent | undefined;
  private failure: { error: unknown } | undefined;
  /** close() was called: send() throws from now on (after the child's own exit it only drops data). */
  private closedByUser = false;

  constructor(file: string, args?: readonly string[], options?: InteractOptions) {
    this.plan = planSession(file, args, options);
    const { maxBuffer, maxQueuedInput, encoding, pipemuxOptions } = this.plan;
    this.text = new SessionText(maxBuffer);
    this.input = new SessionInput(maxQueuedInput);
    this.decoders = { stdout: new StringDecoder(encoding), stderr: new StringDecoder(encoding) };
    this.expects = new ExpectQueue(this.text, {
      ending: (pending) =>
        this.exitEvent === undefined ? this.failure?.error : expectHitEof(pending, this.text.text(pending.view), this.exitEvent, this.context()),
      timedOut: (pending) => expectTimedOut(pending, this.text.text(pending.view), this.context()),
    });
    this.timeline = this.events.asObservable();
    // close() and kill() end the child through execa (killSignal, then SIGKILL), and the timeline still ends with exit.
    const given = pipemuxOptions.cancelSignal;
    const cancelSignal = given instanceof AbortSignal ? AbortSignal.any([given, this.stopper.signal]) : (given ?? this.stopper.signal);
    // Called here, not in a promise: pipemux() throws InvalidOptionError at once, and so must interact().
    const source = pipemux(file, args, { ...pipemuxOptions, cancelSignal, mode: 'chunks', stdin: this.input, echoInput: true });
    let settleExit!: { resolve: (exit: ExitEvent) => void; reject: (error: unknown) => void };
    this.exited = new Promise((resolve, reject) => (settleExit = { resolve, reject }));
    this.exited.catch(() => {}); // awaiting it is optional: a failure also reaches expect() and the timeline
    this.finished = new Promise((resolve) => {
      const end = (failure: { error: unknown } | undefined) => {
        this.failure = failure;
        this.finish();
        if (failure === undefined) settleExit.resolve(this.exitEvent!);
        else settleExit.reject(failure.error);
        resolve();
        if (failure === undefined) this.events.complete();
        else this.events.error(failure.error);
      };
      source.subscribe({ next: (event) => this.receive(event), error: (error: unknown) => end({ error }), complete: () => end(undefined) });
    });
  }

  /** The child's pid once it runs. */
  get pid(): number | undefined {
    return this.spawnEvent?.pid;
  }

  /**
   * Waits until the text that arrived since the previous match contains `pattern` (or one of a list),
   * then resolves with the match and consumes the text up to its end. Calls run one after another.
   * Rejects with `ExpectTimeoutError` or `ExpectEofError` (the child keeps running: end it with `close()`).
   *
   * @example
   * ```ts
   * const { match, index, before, stream } = await session.expect([/^(\d+)\n/m, 'Error'], { stream: 'stdout', timeout: 5000 });
   * ```
   */
  expect(pattern: ExpectedPattern, options?: ExpectOptions): Promise<ExpectResult> {
    let request;
    try {
      request = checkExpectArguments(pattern, options, this.plan.expectTimeout, this.context());
    } catch (error) {
      // checkExpectArguments throws an InvalidOptionError (anything else only from an exotic options object).
      return Promise.reject(error instanceof Error ? error : new Error(String(error), { cause: error }));
    }
    const pending = new PendingExpect(pattern, request.patterns, request.view, request.timeout);
    this.expects.add(pending);
    return pending.promise;
  }

  /**
   * Writes `data` to the child's stdin as it is. Resolves once the pipe took it (at once while the child
   * reads; later when its pipe is full). After the child exited the data is dropped and it resolves.
   * @throws InputClosedError after `end()` or `close()`; InputBacklogError when more than `maxQueuedInput` bytes wait.
   */
  send(data: string | Uint8Array): Promise<void> {
    if (typeof data !== 'string' && !(data instanceof Uint8Array)) {
      const context = this.context();
      throw new InvalidOptionError(`invalid data for send(): must be a string or a Buffer, got ${typeof data}`, { ...context, option: 'data' });
    }
    const offered = this.closedByUser ? 'ended' : this.input.offer(data);
    return typeof offered === 'string' ? this.refuse(offered) : offered;
  }

  /** Writes `text` and a newline (`\n`), in one write. Same as `send(text + '\n')`. */
  sendLine(text = ''): Promise<void> {
    return this.send(`${text}\n`);
  }

  /** Closes the child's stdin (EOF) once everything sent was taken; resolves when the EOF was given. */
  end(): Promise<void> {
    return this.input.end();
  }

  /**
   * Ends the session: drops input not yet taken, closes the child's stdin and, if the child still
   * runs, ends it as unsubscribing a pipemux timeline does (`killSignal`, then SIGKILL after
   * `forceKillAfterDelay`). Resolves once the child is gone and every fd is closed; never rejects.
   */
  async close(): Promise<void> {
    this.closedByUser = true;
    this.input.close();
    this.stopper.abort();
    await this.finished;
  }

  /**
   * Sends `signal` to the child (default: as `close()` does, without closing stdin first) and resolves
   * once it is gone. A signal the child survives (SIGINT to a REPL) leaves the promise pending until it exits.
   */
  async kill(signal?: NodeJS.Signals | number): Promise<void> {
    if (signal !== undefined && !isKnownSignal(signal)) {
      throw new InvalidOptionError(`invalid signal for kill(): ${String(signal)}`, { ...this.context(), option: 'signal' });
    }
    const pid = this.pid;
    // Only a child seen running and not seen exiting (never pid 0 or a stale pid after the exit event).
    if (signal === undefined || pid === undefined) this.stopper.abort();
    // A child that exited while a grandchild holds its pipes has no exit event yet: ESRCH then, and it is gone.
    else if (this.exitEvent === undefined && this.failure === undefined) sendSignal(pid, signal);
    await this.finished;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  private receive(event: MuxEvent<Buffer>): void {
    if (event.type === 'spawn') this.spawnEvent = event;
    else if (event.type === 'stdout' || event.type === 'stderr') this.addOutput(event.type, this.decoders[event.type].write(event.data));
    else if (event.type === 'exit') {
      // The last bytes of an incomplete character become U+FFFD; all output is in before EOF is judged.
      for (const stream of ['stdout', 'stderr'] as const) this.text.append(stream, this.decoders[stream].end());
      this.exitEvent = event;
      this.input.close();
      this.expects.advance();
    }
    if (this.events.observed) this.events.next(event);
  }

  private addOutput(stream: OutputStreamName, text: string): void {
    this.text.append(stream, text);
    this.expects.textArrived(stream);
  }

  /** The timeline ended: stdin is gone, and expects that wait fail (their text was searched). */
  private finish(): void {
    this.input.close();
    this.expects.advance();
    this.expects.dispose();
  }

  /** The typed error for input the session would not take. */
  private refuse(refusal: OfferRefusal): never {
    const context = this.context();
    if (refusal === 'ended') throw new InputClosedError('cannot send: its stdin was ended (end() or close())', context);
    const { backlog: queuedBytes } = this.input;
    const { maxQueuedInput } = this.plan;
    const message = `cannot send: ${queuedBytes} bytes already wait for it to read (maxQueuedInput: ${maxQueuedInput}); await send() to keep pace`;
    throw new InputBacklogError(message, { ...context, queuedBytes, maxQueuedInput });
  }

  private context(): ErrorContext {
    return { command: this.spawnEvent?.command ?? this.plan.command, cwd: this.plan.cwd };
  }
}

function isKnownSignal(signal: unknown): boolean {
  return (typeof signal === 'string' && Object.hasOwn(osConstants.signals, signal)) || Object.values(osConstants.signals).includes(signal as number);
}
