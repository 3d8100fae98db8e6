import type {
  AuditDetail,
  AuditRow,
  AuditSummary,
  ListAuditsQuery,
  ListAuditsResult,
  ResourceType,
} from '@portico/api-types';
import type { Database } from '../../db/database';
import { storable, storableJson } from '../../db/storable-text';
import { countRows } from './counts';
import { isoOf, jsonOf } from './db-values';

/** Rows per INSERT: 4 parameters each keeps a batch well under PostgreSQL's 65 535. */
export const rowBatchSize = 500;

interface AuditRecord {
  id: string;
  workspace_id: string;
  project_id: string;
  run_by: string;
  run_by_role: string | null;
  started_at: unknown;
  finished_at: unknown;
  status: AuditSummary['status'];
  resource_types: unknown;
  policy_version: number;
  total: number;
  done: number;
  failed_count: number;
  non_compliant_count: number;
  enumeration_errors: unknown;
}

function toSummary(r: AuditRecord): AuditSummary {
  return {
    id: r.id,
    workspace_id: r.workspace_id,
    project_id: r.project_id,
    run_by: r.run_by,
    ...(r.run_by_role ? { run_by_role: r.run_by_role as AuditSummary['run_by_role'] } : {}),
    started_at: isoOf(r.started_at),
    ...(r.finished_at ? { finished_at: isoOf(r.finished_at) } : {}),
    status: r.status,
    resource_types: jsonOf(r.resource_types),
    policy_version: r.policy_version,
    total: r.total,
    done: r.done,
    failed_count: r.failed_count,
    non_compliant_count: r.non_compliant_count,
    enumeration_errors: jsonOf(r.enumeration_errors),
  };
}

export type AuditProgress = Pick<
  AuditSummary,
  'status' | 'total' | 'done' | 'failed_count' | 'non_compliant_count' | 'enumeration_errors'
> & { finished_at?: string };

/** Audits and their rows in the BFF's database (tables of migration 0100-audits). */
export class AuditStore {
  constructor(private readonly db: Database) {}

  async create(a: AuditSummary): Promise<void> {
    await this.db.query(
      `INSERT INTO audits (id, workspace_id, project_id, run_by, run_by_role, started_at,
         finished_at, status, resource_types, policy_version, total, done, failed_count,
         non_compliant_count, enumeration_errors)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9::jsonb,$10,$11,$12,$13,$14,$15::jsonb)`,
      [
        a.id,
        a.workspace_id,
        a.project_id,
        a.run_by,
        a.run_by_role ?? null,
        a.started_at,
        a.finished_at ?? null,
        a.status,
        JSON.stringify(a.resource_types),
        a.policy_version,
        a.total,
        a.done,
        a.failed_count,
        a.non_compliant_count,
        storableJson(a.enumeration_errors),
      ],
    );
  }

  /**
   * Stores rows in batches, in one transaction; a row read twice keeps its latest copy. Two IDs
   * that differ only where one holds a NUL and the other U+FFFD are stored as one (the latest).
   */
  async addRows(auditId: string, rows: readonly AuditRow[]): Promise<void> {
    if (rows.length === 0) return;
    // One INSERT … ON CONFLICT must not name a row twice.
    const stored = new Map<string, [AuditRow['resource_type'], string, string | null]>();
    for (const r of rows) {
      const id = storable(r.resource_id);
      stored.set(`${r.resource_type}\u0000${id}`, [r.resource_type, id, storableJson(r)]);
    }
    const all = [...stored.values()];
    await this.db.transaction(async (tx) => {
      for (let i = 0; i < all.length; i += rowBatchSize) {
        const batch = all.slice(i, i + rowBatchSize);
        const params: unknown[] = [];
        const values = batch.map((row, j) => {
          params.push(auditId, ...row);
          const b = j * 4;
          return `($${b + 1},$${b + 2},$${b + 3},$${b + 4}::jsonb)`;
        });
        await tx.query(
          `INSERT INTO audit_rows (audit_id, resource_type, resource_id, row) VALUES ${values.join(',')}
           ON CONFLICT (audit_id, resource_type, resource_id) DO UPDATE SET row = EXCLUDED.row`,
          params,
        );
      }
    });
  }

  async updateProgress(id: string, p: AuditProgress): Promise<void> {
    await this.db.query(
      `UPDATE audits SET status = $2, total = $3, done = $4, failed_count = $5,
         non_compliant_count = $6, enumeration_errors = $7::jsonb, finished_at = $8 WHERE id = $1`,
      [
        id,
        p.status,
        p.total,
        p.done,
        p.failed_count,
        p.non_compliant_count,
        storableJson(p.enumeration_errors),
        p.finished_at ?? null,
      ],
    );
  }

  /**
   * Asks whichever replica runs the audit to stop (it finds out at its next `heartbeat`);
   * false when the audit is not running.
   */
  async requestCancel(id: string, at: Date): Promise<boolean> {
    const rows = await this.db.query<{ id: string }>(
      `UPDATE audits SET cancel_requested_at = $2 WHERE id = $1 AND status = 'running' RETURNING id`,
      [id, at.toISOString()],
    );
    return rows.length > 0;
  }

  /** The running replica says it is alive, and learns whether a cancel was asked meanwhile. */
  async heartbeat(id: string, at: Date): Promise<{ cancelRequested: boolean }> {
    const [r] = await this.db.query<{ requested: boolean }>(
      `UPDATE audits SET heartbeat_at = $2 WHERE id = $1
       RETURNING cancel_requested_at IS NOT NULL AS requested`,
      [id, at.toISOString()],
    );
    return { cancelRequested: r?.requested === true };
  }

  async get(id: string): Promise<AuditSummary | undefined> {
    const [r] = await this.db.query<AuditRecord>('SELECT * FROM audits WHERE id = $1', [id]);
    return r ? toSummary(r) : undefined;
  }

  /** Newest first, optionally of one workspace. */
  async list(q: ListAuditsQuery): Promise<ListAuditsResult> {
    const where = q.workspace_id ? 'WHERE workspace_id = $1' : '';
    const args = q.workspace_id ? [q.workspace_id] : [];
    const [count] = await this.db.query<{ n: number | string }>(`SELECT count(*) AS n FROM audits ${where}`, args);
    const n = args.length;
    const items = await this.db.query<AuditRecord>(
      `SELECT * FROM audits ${where} ORDER BY started_at DESC, id LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...args, q.limit, q.offset],
    );
    return {
      total: Number(count?.n ?? 0),
      offset: q.offset,
      limit: q.limit,
      items: items.map(toSummary),
    };
  }

  /** Every row in key order, a page at a time: exports of 10 000 rows stay flat in memory. */
  async *rows(auditId: string, pageSize = rowBatchSize): AsyncGenerator<AuditRow> {
    let after: [string, string] = ['', ''];
    for (;;) {
      const page = await this.db.query<{
        resource_type: string;
        resource_id: string;
        row: unknown;
      }>(
        `SELECT resource_type, resource_id, row FROM audit_rows
         WHERE audit_id = $1 AND (resource_type, resource_id) > ($2, $3)
         ORDER BY resource_type, resource_id LIMIT $4`,
        [auditId, after[0], after[1], pageSize],
      );
      for (const r of page) yield jsonOf<AuditRow>(r.row);
      const last = page.at(-1);
      if (!last || page.length < pageSize) return;
      after = [last.resource_type, last.resource_id];
    }
  }

  async detail(id: string): Promise<AuditDetail | undefined> {
    const summary = await this.get(id);
    if (!summary) return undefined;
    const rows: AuditRow[] = [];
    for await (const r of this.rows(id)) rows.push(r);
    return { ...summary, counts: countRows(rows), rows };
  }

  /**
   * IDs of a type that earlier audits of the workspace saw, or that permission saves in the
   * activity log (target `type:id`) name: how types with no list API get audited.
   */
  async knownResourceIds(workspaceId: string, type: ResourceType): Promise<string[]> {
    const found = await this.db.query<{ resource_id: string }>(
      `SELECT r.resource_id FROM audit_rows r JOIN audits a ON a.id = r.audit_id
       WHERE a.workspace_id = $1 AND r.resource_type = $2
       UNION
       SELECT substr(target, length($2) + 2) FROM activity
       WHERE workspace_id = $1 AND operation IN ('permissions.save', 'audit.fix', 'audit.undo')
         AND starts_with(target, $2 || ':') AND length(target) > length($2) + 1
       ORDER BY 1`,
      [workspaceId, type],
    );
    return found.map((r) => r.resource_id);
  }
}
