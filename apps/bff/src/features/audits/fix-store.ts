import type { BulkFixResult } from '@portico/api-types';
import type { Database } from '../../db/database';
import { jsonOf } from './db-values';

/** Bulk-fix runs and their undos, kept whole: an undo is planned from the stored outcomes. */
export class FixStore {
  constructor(private readonly db: Database) {}

  async save(fix: BulkFixResult): Promise<void> {
    await this.db.query(
      `INSERT INTO audit_fixes (id, audit_id, kind, undo_of, policy_version, run_by, started_at,
         finished_at, result) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9::jsonb)`,
      [
        fix.id,
        fix.audit_id,
        fix.kind,
        fix.undo_of ?? null,
        fix.policy_version,
        fix.run_by,
        fix.started_at,
        fix.finished_at,
        JSON.stringify(fix),
      ],
    );
  }

  async get(id: string): Promise<BulkFixResult | undefined> {
    const [r] = await this.db.query<{ result: unknown }>(
      'SELECT result FROM audit_fixes WHERE id = $1',
      [id],
    );
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
