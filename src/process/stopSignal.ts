/** The part of an `AbortSignal` a run listens to (an AbortSignal is one): asked to stop, or not yet. */
export interface StopSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/**
 * A {@link StopSignal} without EventTarget's machinery: one listener list, no event objects. Each
 * subscription makes one; an AbortController cost ~1 ms of CPU on a process's first run.
 */
export class StopSwitch implements StopSignal {
  private listeners: (() => void)[] = [];
  aborted = false;

  addEventListener(_type: 'abort', listener: () => void): void {
    if (!this.aborted) this.listeners.push(listener);
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    this.listeners = this.listeners.filter((known) => known !== listener);
  }

  /** Stops: every listener is called once; later calls do nothing. */
  stop(): void {
    if (this.aborted) return;
    this.aborted = true;
    const listeners = this.listeners;
    this.listeners = [];
    for (const listener of listeners) listener();
  }
}
