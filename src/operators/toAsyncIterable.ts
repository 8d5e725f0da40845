import type { Observable, Subscription } from 'rxjs';

/**
 * Lets a timeline (or any observable) be read with `for await`. The subscription starts at the
 * first `next()`; leaving the loop early (`break`, `return`, a throw) unsubscribes, which kills the
 * child. An error of the observable is thrown from the loop.
 *
 * Values that arrive faster than the loop takes them are queued in memory (the child is not
 * slowed down); for bounded memory with a slow consumer, use a tee sink instead.
 *
 * @example
 * ```ts
 * for await (const event of toAsyncIterable(pipemux('ls', ['-l']).pipe(only('stdout')))) {
 *   console.log(event.data);
 * }
 * ```
 */
export function toAsyncIterable<T>(source: Observable<T>): AsyncIterableIterator<T> {
  const queued: T[] = [];
  // next() may be called again before its promise settled: each call waits its turn.
  const waiting: { resolve: (result: IteratorResult<T>) => void; reject: (error: unknown) => void }[] = [];
  let subscription: Subscription | undefined;
  let finished = false;
  let failure: { error: unknown } | undefined;

  const settleWaiting = () => {
    while (waiting.length > 0) {
      const { resolve, reject } = waiting[0]!;
      if (queued.length > 0) resolve({ value: queued.shift()!, done: false });
      else if (failure !== undefined) {
        reject(failure.error);
        failure = undefined; // thrown once; afterwards the iterator is simply done
      } else if (finished) resolve({ value: undefined, done: true });
      else return;
      waiting.shift();
    }
  };

  const start = () => {
    subscription = source.subscribe({
      next: (value) => {
        queued.push(value);
        settleWaiting();
      },
      error: (error: unknown) => {
        failure = { error };
        finished = true;
        settleWaiting();
      },
      complete: () => {
        finished = true;
        settleWaiting();
      },
    });
  };

  return {
    next() {
      if (subscription === undefined && !finished) start();
      return new Promise<IteratorResult<T>>((resolve, reject) => {
        waiting.push({ resolve, reject });
        settleWaiting();
      });
    },
    return() {
      finished = true;
      queued.length = 0;
      subscription?.unsubscribe();
      settleWaiting();
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
