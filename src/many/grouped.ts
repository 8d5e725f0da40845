import { Observable, type OperatorFunction } from 'rxjs';
import type { ChildEvent, ManyEvent } from './types.js';

/**
 * Keeps each child's events together: they are held until the child's run ends (its exit
 * event) and then passed on at once, so the output of a {@link muxAll} run reads child by child,
 * in the order the children ended, instead of interleaved. The summary comes last, as before.
 * Held events stay in memory until their child exits. If the run errors or ends early, what is
 * held is passed on first (in child order), then the error or completion.
 *
 * @example
 * ```ts
 * muxAll(jobs).pipe(grouped(), prefix({ stdout: '[{name}] ' }))
 * ```
 */
export function grouped<E extends ManyEvent>(): OperatorFunction<E, E> {
  return (source) =>
    new Observable<E>((subscriber) => {
      const held = new Map<number, E[]>();
      const release = (index: number) => {
        const events = held.get(index);
        held.delete(index);
        for (const event of events ?? []) subscriber.next(event);
      };
      const releaseAll = () => {
        for (const index of [...held.keys()].sort((a, b) => a - b)) release(index);
      };
      return source.subscribe({
        next: (event) => {
          if (event.type === 'summary') {
            // A run that ended without an exit event (a command not found) still comes before the summary.
            releaseAll();
            return subscriber.next(event);
          }
          const { index } = event as ChildEvent;
          let events = held.get(index);
          if (events === undefined) held.set(index, (events = []));
          events.push(event);
          if (event.type === 'exit') release(index);
        },
        error: (error: unknown) => {
          releaseAll();
          subscriber.error(error);
        },
        complete: () => {
          releaseAll();
          subscriber.complete();
        },
      });
    });
}
