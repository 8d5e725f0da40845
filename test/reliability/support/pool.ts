/** Children run at once in the big loops: enough to overlap spawn latency, few enough for 2 cores. */
export const CONCURRENCY = 8;

/** Calls `task(0)` … `task(count - 1)` with at most `concurrency` of them pending at a time. */
export async function runPool(count: number, task: (index: number) => Promise<void>, concurrency = CONCURRENCY): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}
