import { watch } from 'node:fs';
import { access } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Observable, Subscription } from 'rxjs';
import type { MuxEvent, OutputEvent, SpawnEvent } from '../../src/index.js';

interface Waiter {
  matches: (event: MuxEvent) => boolean;
  resolve: (event: MuxEvent) => void;
  reject: (error: Error) => void;
}

/**
 * Subscribes to a timeline and lets a test wait for a particular event (past or future), so that
 * steps are ordered by events and never by sleeps.
 */
export class TimelineProbe {
  readonly events: MuxEvent[] = [];
  /** Every event and the error, once the timeline completed or errored. */
  readonly settled: Promise<{ events: MuxEvent[]; error: unknown }>;
  readonly subscription: Subscription;
  private readonly waiters = new Set<Waiter>();
  private ended = false;

  constructor(timeline: Observable<MuxEvent>) {
    let settle!: (result: { events: MuxEvent[]; error: unknown }) => void;
    this.settled = new Promise((resolve) => (settle = resolve));
    this.subscription = timeline.subscribe({
      next: (event) => this.receive(event),
      error: (error: unknown) => settle(this.end(error)),
      complete: () => settle(this.end(undefined)),
    });
  }

  /** The first event that matches; rejects if the timeline ends without one. */
  waitFor(matches: (event: MuxEvent) => boolean): Promise<MuxEvent> {
    const seen = this.events.find(matches);
    if (seen !== undefined) return Promise.resolve(seen);
    if (this.ended) return Promise.reject(new Error(`timeline ended without the event; got ${this.describe()}`));
    return new Promise((resolve, reject) => this.waiters.add({ matches, resolve, reject }));
  }

  spawned(): Promise<SpawnEvent> {
    return this.waitFor((e) => e.type === 'spawn') as Promise<SpawnEvent>;
  }

  /** Waits for this exact line on stdout. */
  line(text: string): Promise<MuxEvent> {
    return this.waitFor((e) => e.type === 'stdout' && e.data === text);
  }

  /** The first stdout line that matches. */
  async stdoutLine(matches: (line: string) => boolean): Promise<string> {
    const event = await this.waitFor((e) => e.type === 'stdout' && matches(String(e.data)));
    return String((event as OutputEvent).data);
  }

  /** The events so far as short text, for failure messages. */
  describe(): string {
    return this.events.map((e) => (e.type === 'spawn' || e.type === 'exit' ? e.type : `${e.type}:${JSON.stringify(String(e.data))}`)).join(' ');
  }

  private receive(event: MuxEvent): void {
    this.events.push(event);
    for (const waiter of this.waiters) {
      if (!waiter.matches(event)) continue;
      this.waiters.delete(waiter);
      waiter.resolve(event);
    }
  }

  private end(error: unknown): { events: MuxEvent[]; error: unknown } {
    this.ended = true;
    for (const waiter of this.waiters) waiter.reject(new Error(`timeline ended without the event; got ${this.describe()}`));
    this.waiters.clear();
    return { events: this.events, error };
  }
}

/** Resolves once `path` no longer exists, woken by fs.watch events on its parent directory. */
export function waitUntilGone(path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const watcher = watch(dirname(path));
    const check = () =>
      access(path).then(
        () => {},
        () => {
          watcher.close();
          resolve();
        },
      );
    watcher.on('change', () => void check());
    watcher.on('error', reject);
    void check();
  });
}
