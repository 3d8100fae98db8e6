import type { BulkFixResult } from '@portico/api-types';
import type { Database } from '../../db/database';
import type { SettleQueue } from '../../db/settle-queue';
import { storableJson } from '../../db/storable-text';
import { writeQueue } from '../../db/write-queues';
import { jsonOf } from './db-values';

/** Bulk-fix runs and their undos, kept whole: an undo is planned from the stored outcomes. */
export class FixStore {
  constructor(private readonly db: Database) {}

  /** Idempotent (a retry may follow a write that landed): a fix is written once, whole. */
  async save(fix: BulkFixResult): Promise<void> {
    await this.db.query(
      `INSERT INTO audit_fixes (id, audit_id, kind, undo_of, policy_version, run_by, started_at,
         finished_at, result) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9::jsonb)
       ON CONFLICT (id) DO NOTHING`,
      [
        fix.id,
        fix.audit_id,
        fix.kind,
        fix.undo_of ?? null,
        fix.policy_version,
        fix.run_by,
        fix.started_at,
        fix.finished_at,
        storableJson(fix),
      ],
    );
  }

  async get(id: string): Promise<BulkFixResult | undefined> {
    const [r] = await this.db.query<{ result: unknown }>('SELECT result FROM audit_fixes WHERE id = $1', [id]);
    return r ? jsonOf<BulkFixResult>(r.result) : undefined;
  }

  /** The undos already run for a fix (so a second one-click undo is refused). */
  async undosOf(fixId: string): Promise<BulkFixResult[]> {
    const rows = await this.db.query<{ result: unknown }>(
      'SELECT result FROM audit_fixes WHERE undo_of = $1 ORDER BY started_at',
      [fixId],
    );
    return rows.map((r) => jsonOf<BulkFixResult>(r.result));
  }
}

export type FixRecords = SettleQueue<BulkFixResult>;

/**
 * Where a finished fix is written: its saves are made (each logged), so the database away then
 * must not turn into an error. The record is kept and retried until the database is back (the
 * undo finds the fix from then on), and tried once more on shutdown (see `writeQueue`).
 */
export function fixRecords(db: Database): FixRecords {
  return writeQueue<BulkFixResult>(db, 'bulk-fix records', {
    write: (_id, fix) => new FixStore(db).save(fix),
    merge: (_older, newer) => newer,
    describe: {
      write: 'bulk-fix record',
      lost: 'its saves are in the activity log, but it cannot be undone in one click',
    },
  });
}
