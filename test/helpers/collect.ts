import { lastValueFrom, toArray, type Observable } from 'rxjs';
import type { ExitEvent, MuxEvent, OutputEvent } from '../../src/index.js';

/** Subscribes and gathers every event until completion; rejects with the timeline's error. */
export function collect<E>(timeline: Observable<E>): Promise<E[]> {
  return lastValueFrom(timeline.pipe(toArray()));
}

/**
 * Subscribes and settles with every event and the error (if the timeline errored). `onEvent`
 * runs inside the subscriber for each event (a slow subscriber does its work there).
 */
export function collectSettled<E>(timeline: Observable<E>, onEvent?: (event: E) => void): Promise<{ events: E[]; error: unknown }> {
  const events: E[] = [];
  return new Promise((resolve) => {
    timeline.subscribe({
      next: (event) => {
        events.push(event);
        onEvent?.(event);
      },
      error: (error: unknown) => resolve({ events, error }),
      complete: () => resolve({ events, error: undefined }),
    });
  });
}

/** The data of the events of one stream, in order. */
export function dataOf<D extends string | Buffer>(events: MuxEvent<D>[], type: 'stdout' | 'stderr'): D[] {
  return events.filter((e): e is OutputEvent<D> => e.type === type).map((e) => e.data);
}

/** The exit event (the last one). */
export function exitOf(events: MuxEvent[]): ExitEvent {
  const last = events.at(-1);
  if (last?.type !== 'exit') throw new Error(`last event is ${last?.type}, not exit`);
  return last;
}
