import type { Database } from '../../db/database';
import { DatabaseUnavailableError } from '../../db/database-unavailable';
import { recordActivity, settleActivity, type ActivitySettlement, type NewActivity } from './activity-log';
import { createSettleQueue, type SettleQueue, type SettleQueueOptions } from '../../db/settle-queue';

export type ActivitySettles = SettleQueue<ActivitySettlement>;
type Tuning = Pick<SettleQueueOptions<ActivitySettlement>, 'maxItems' | 'minDelayMs' | 'maxDelayMs' | 'logger'>;

const queues = new WeakMap<Database, ActivitySettles>();

/** Later fields win; a success clears an earlier error code. */
function mergeSettlements(older: ActivitySettlement, newer: ActivitySettlement): ActivitySettlement {
  const merged: ActivitySettlement = { ...older };
  for (const [k, v] of Object.entries(newer)) if (v !== undefined) Object.assign(merged, { [k]: v });
  if (newer.outcome !== 'failure') delete merged.error_code;
  return merged;
}

/**
 * The one settle queue of a database's activity log (created on first use). The server creates
 * it first, with its logger, and flushes it on shutdown; `tuning` is only for that first call.
 */
export function activitySettles(db: Database, tuning?: Tuning): ActivitySettles {
  let queue = queues.get(db);
  if (queue && tuning) throw new Error('the activity settle queue of this database already exists');
  if (!queue) {
    queue = createSettleQueue<ActivitySettlement>({
      write: (id, s) => settleActivity(db, id, s),
      merge: mergeSettlements,
      retryable: (e) => e instanceof DatabaseUnavailableError,
      ...tuning,
    });
    queues.set(db, queue);
  }
  return queue;
}

/** An operation's activity entry, written `pending` before the upstream call. */
export interface OpenActivity {
  readonly id: string;
  /**
   * Records how the operation ended. With the database away the settle is kept and retried, so
   * the caller still answers with the upstream's result; it rejects only on another failure.
   */
  settle(s: ActivitySettlement): Promise<void>;
}

/**
 * Writes `entry` as `pending`. Call it before the upstream call: if the database is away this
 * rejects (503) and nothing is sent upstream, so nothing happened and nothing is lost.
 */
export async function openActivity(db: Database, entry: Omit<NewActivity, 'outcome'>): Promise<OpenActivity> {
  const { id } = await recordActivity(db, { ...entry, outcome: 'pending' });
  const settles = activitySettles(db);
  return {
    id,
    async settle(s) {
      await settles.settle(id, s);
    },
  };
}
