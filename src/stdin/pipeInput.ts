import type { Writable } from 'node:stream';
import type { FailRun, InputSource } from '../process/runParts.js';
import { failRunOnFeedError, type RunContext } from './feedFailures.js';
import { InputFeeder, type Echo } from './inputFeeder.js';
import type { ClassifiedSource } from './stdinSource.js';

/** Data written into the child's stdin pipe; the end of the source is EOF for the child. */
export class PipeInput implements InputSource {
  readonly spawnStdin = 'pipe';
  private feeder: InputFeeder | undefined;
  private childStdin: Writable | null = null;

  constructor(
    private readonly source: ClassifiedSource,
    private readonly context: RunContext,
  ) {}

  async prepare(fail: FailRun): Promise<void> {
    this.feeder = new InputFeeder(this.source, failRunOnFeedError(fail, this.context));
  }

  start(childStdin: Writable | null, echo: Echo): void {
    this.childStdin = childStdin;
    if (childStdin !== null) this.feeder?.attach(childStdin, echo);
  }

  async dispose(): Promise<void> {
    this.feeder?.stop();
    this.childStdin?.destroy();
  }
}
