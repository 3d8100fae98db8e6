import type { Database } from './database';
import { DatabaseUnavailableError } from './database-unavailable';
import { createSettleQueue, type SettleQueue, type SettleQueueOptions } from './settle-queue';

/** How a database's write queues retry and log (the server's logger; short delays in tests). */
export type WriteQueueTuning = Pick<SettleQueueOptions<unknown>, 'maxItems' | 'minDelayMs' | 'maxDelayMs' | 'logger'>;

interface Queues {
  tuning: WriteQueueTuning;
  byName: Map<string, SettleQueue<never>>;
}

const databases = new WeakMap<Database, Queues>();

const queuesOf = (db: Database): Queues => {
  let q = databases.get(db);
  if (!q) databases.set(db, (q = { tuning: {}, byName: new Map() }));
  return q;
};

/**
 * Sets how every write queue of `db` retries and logs. Call it before the first is used (the
 * server does, with its logger, before it builds the app).
 */
export function tuneWriteQueues(db: Database, tuning: WriteQueueTuning): void {
  const q = queuesOf(db);
  if (q.byName.size > 0) throw new Error('the write queues of this database are already in use');
  q.tuning = tuning;
}

/**
 * The queue `name` of `db`'s writes that must outlive a brief database outage (created on first
 * use): a write the database cannot take is kept and retried while it is unavailable.
 */
export function writeQueue<V>(
  db: Database,
  name: string,
  options: Pick<SettleQueueOptions<V>, 'write' | 'merge' | 'describe'>,
): SettleQueue<V> {
  const q = queuesOf(db);
  let queue = q.byName.get(name) as SettleQueue<V> | undefined;
  if (!queue) {
    queue = createSettleQueue<V>({
      ...options,
      retryable: (e) => e instanceof DatabaseUnavailableError,
      ...q.tuning,
    });
    q.byName.set(name, queue as SettleQueue<never>);
  }
  return queue;
}

/** On shutdown: every queue of `db` tries its kept writes once more; how many stay unwritten, by queue. */
export async function flushWriteQueues(db: Database): Promise<Record<string, number>> {
  const left: Record<string, number> = {};
  for (const [name, queue] of queuesOf(db).byName) {
    const n = await queue.flush();
    if (n > 0) left[name] = n;
  }
  return left;
}
