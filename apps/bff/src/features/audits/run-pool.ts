/**
 * Runs `worker` over `items` with at most `concurrency` at a time, pulling lazily so a huge
 * input is never materialised twice. Once `signal` aborts no new item starts; the promise
 * settles when every started worker has settled. A worker that throws fails the whole pool.
 */
export async function runPool<T>(
  items: Iterable<T>,
  concurrency: number,
  worker: (item: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  if (!(concurrency >= 1)) throw new RangeError('concurrency must be at least 1');
  const iterator = items[Symbol.iterator]();
  let failed = false;
  const lane = async () => {
    for (;;) {
      if (signal?.aborted || failed) return;
      const next = iterator.next();
      if (next.done) return;
      try {
        await worker(next.value);
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  const lanes = Array.from({ length: Math.floor(concurrency) }, lane);
  const results = await Promise.allSettled(lanes);
  const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (rejected) throw rejected.reason;
}
