import type { Writable } from 'node:stream';
import type { FailRun, InputSource } from '../process/ports.js';
import { failRunOnFeedError, type RunContext } from './feedFailures.js';
import { InputFeeder, type Echo } from './inputFeeder.js';
import type { ClassifiedSource } from './stdinSource.js';

/** Data written into the child's stdin pipe; the end of the source is EOF for the child. */
export class PipeInput implements InputSource {
  readonly spawnStdin = 'pipe';
  private readonly feeder: InputFeeder;
  private childStdin: Writable | null = null;

  /** Made when the timeline is subscribed: an Observable source is subscribed here. */
  constructor(
    source: ClassifiedSource,
    private readonly context: RunContext,
  ) {
    this.feeder = new InputFeeder(source);
  }

  prepare(fail: FailRun): Promise<void> {
    // Nothing to wait for; a throw in the executor rejects, as in an async method.
    return new Promise((resolve) => {
      this.feeder.reportTo(failRunOnFeedError(fail, this.context));
      resolve();
    });
  }

  start(childStdin: Writable | null, echo: Echo): void {
    this.childStdin = childStdin;
    if (childStdin !== null) this.feeder.attach(childStdin, echo);
  }

  childExited(): void {
    this.feeder.stop();
  }

  dispose(): Promise<void> {
    // Nothing to wait for; a throw in the executor rejects, as in an async method.
    return new Promise((resolve) => {
      this.feeder.stop();
      this.childStdin?.destroy();
      resolve();
    });
  }
}
