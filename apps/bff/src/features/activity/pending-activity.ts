import type { Database } from '../../db/database';
import type { SettleQueue } from '../../db/settle-queue';
import { writeQueue } from '../../db/write-queues';
import { recordActivity, settleActivity, type ActivitySettlement, type NewActivity } from './activity-log';

export type ActivitySettles = SettleQueue<ActivitySettlement>;

/** Later fields win; a success clears an earlier error code. */
function mergeSettlements(older: ActivitySettlement, newer: ActivitySettlement): ActivitySettlement {
  const merged: ActivitySettlement = { ...older };
  for (const [k, v] of Object.entries(newer)) if (v !== undefined) Object.assign(merged, { [k]: v });
  if (newer.outcome !== 'failure') delete merged.error_code;
  return merged;
}

/** The settle queue of a database's activity log (see `writeQueue`; flushed on shutdown). */
export function activitySettles(db: Database): ActivitySettles {
  return writeQueue<ActivitySettlement>(db, 'activity', {
    write: (id, s) => settleActivity(db, id, s),
    merge: mergeSettlements,
    describe: { write: 'activity settle', lost: 'its entry stays pending' },
  });
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
