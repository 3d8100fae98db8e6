/** Where the queue reports what it could not write (pino's `warn`/`error` fit). */
export interface SettleLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface SettleQueueOptions<V> {
  /** Writes `value` under `key`; must be idempotent (a retry may follow a write that landed). */
  write(key: string, value: V): Promise<void>;
  /** One value from two writes to the same key, `newer` last: writes to one key keep their order. */
  merge(older: V, newer: V): V;
  /** Failures worth waiting out (the database unavailable); any other is the caller's to see. */
  retryable(e: unknown): boolean;
  /** Most writes kept at once; beyond it a write is dropped and logged (default 10 000). */
  maxItems?: number;
  /** First wait before a retry, doubled after each failed round up to `maxDelayMs` (250 ms, 10 s). */
  minDelayMs?: number;
  maxDelayMs?: number;
  logger?: SettleLogger;
  /** How the log names a kept write and what its loss leaves behind. */
  describe: { write: string; lost: string };
}

export type SettleResult = 'written' | 'queued' | 'dropped';

export interface SettleQueue<V> {
  /**
   * Writes now. When the write fails with a retryable error the value is kept and retried with
   * backoff until it lands ('queued'); with the queue full it is logged and dropped ('dropped').
   * A write for a key still queued joins it (merged), so a later write never lands first.
   * Resolves once the value is written or kept; rejects only on a non-retryable failure.
   */
  settle(key: string, value: V): Promise<SettleResult>;
  /** Writes kept for a retry. */
  readonly size: number;
  /** Whether a write to `key` is kept for a retry (not yet written). */
  has(key: string): boolean;
  /**
   * Waits for the writes in flight, stops the retries and tries the kept writes once more,
   * oldest first, until one meets the database still away (on shutdown); resolves with how many
   * are left unwritten (each logged).
   * Later `settle` calls write directly and never queue.
   */
  flush(): Promise<number>;
}

interface Item<V> {
  value: V;
  /** Bumped on every merge: a retry that wrote an older value leaves the item queued. */
  version: number;
}

const silent: SettleLogger = { warn: () => undefined, error: () => undefined };

/**
 * A bounded in-process queue of writes that must not be lost to a brief database outage: the
 * settling of activity entries written `pending` before an upstream call, the record of a bulk
 * fix made after its saves. In memory only: a process that dies with writes queued loses them
 * (its activity entries stay pending, which is the truth then).
 */
export function createSettleQueue<V>(options: SettleQueueOptions<V>): SettleQueue<V> {
  const { write, merge, retryable } = options;
  const maxItems = options.maxItems ?? 10_000;
  const minDelayMs = options.minDelayMs ?? 250;
  const maxDelayMs = options.maxDelayMs ?? 10_000;
  const logger = options.logger ?? silent;
  const { write: what, lost } = options.describe;
  const items = new Map<string, Item<V>>();
  /** Direct writes in flight, per key: a second write to a key waits for the first. */
  const writing = new Map<string, Promise<unknown>>();
  let delay = minDelayMs;
  let timer: NodeJS.Timeout | undefined;
  let draining: Promise<void> | undefined;
  let flushed = false;

  const schedule = () => {
    if (timer || draining || flushed || items.size === 0) return;
    timer = setTimeout(() => {
      timer = undefined;
      draining = drain().finally(() => {
        draining = undefined;
        schedule();
      });
    }, delay);
    timer.unref();
  };

  /** One round over the kept writes, oldest first; stops at the first retryable failure. */
  async function drain(): Promise<void> {
    for (const [key, item] of items) {
      const version = item.version;
      try {
        await write(key, item.value);
      } catch (e) {
        if (retryable(e)) {
          delay = Math.min(delay * 2, maxDelayMs);
          logger.warn({ err: e, queued: items.size, retryInMs: delay }, `${what}s still waiting for the database`);
          return;
        }
        items.delete(key);
        logger.error({ err: e, key, value: item.value }, `a queued ${what} failed for good; ${lost}`);
        continue;
      }
      if (items.get(key) === item && item.version === version) items.delete(key);
    }
    delay = minDelayMs;
  }

  const keep = (key: string, value: V, err: unknown): SettleResult => {
    if (flushed || items.size >= maxItems) {
      logger.error(
        { err, key, value, queued: items.size },
        flushed ? `${what} not written at shutdown; ${lost}` : `${what} queue full; ${lost}`,
      );
      return 'dropped';
    }
    items.set(key, { value, version: 0 });
    logger.warn({ err, key, queued: items.size }, `database unavailable: ${what} queued for a retry`);
    schedule();
    return 'queued';
  };

  async function settle(key: string, value: V): Promise<SettleResult> {
    const before = writing.get(key);
    if (before) {
      await before.catch(() => undefined);
      return settle(key, value);
    }
    const queued = items.get(key);
    if (queued) {
      queued.value = merge(queued.value, value);
      queued.version++;
      return 'queued';
    }
    const attempt = write(key, value);
    writing.set(key, attempt);
    try {
      await attempt;
      return 'written';
    } catch (e) {
      if (!retryable(e)) throw e;
      return keep(key, value, e);
    } finally {
      writing.delete(key);
    }
  }

  return {
    settle,
    get size() {
      return items.size;
    },
    has: (key) => items.has(key),
    async flush() {
      // Writes made directly and still in flight (a request's last settle as the server
      // stopped) land first; one that meets the database away is kept, so it is tried below.
      await Promise.allSettled(writing.values());
      flushed = true;
      clearTimeout(timer);
      timer = undefined;
      await draining;
      const kept = [...items];
      items.clear();
      let left = 0;
      let away = false;
      for (const [key, item] of kept) {
        if (!away) {
          try {
            await write(key, item.value);
            continue;
          } catch (err) {
            // Still away: the rest would wait out the same timeout one after another.
            away = retryable(err);
            logger.error({ err, key, value: item.value }, `${what} not written at shutdown; ${lost}`);
            left++;
            continue;
          }
        }
        logger.error({ key, value: item.value }, `${what} not written at shutdown; ${lost}`);
        left++;
      }
      return left;
    },
  };
}
