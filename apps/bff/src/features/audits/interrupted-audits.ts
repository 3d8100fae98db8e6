import type { Database } from '../../db/database';

/**
 * Marks every audit still `running` as `failed`, finished at `at`, and returns their ids. Its
 * counts come from the rows it had stored: a running audit's summary is only written at the end.
 *
 * A sweep lives in the process that started it (see start-audit-routes): once that process has
 * stopped, nothing will ever finish a `running` audit, and the UI would show it spinning forever.
 * Call it at start-up, before the server takes requests, and only when this process is the
 * database's sole user (embedded PGlite): on a PostgreSQL shared by several replicas, another
 * replica may be running the audit right now.
 */
export async function markInterruptedAudits(db: Database, at: Date): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `UPDATE audits a SET status = 'failed', finished_at = $1,
       done = c.done, total = GREATEST(a.total, c.done), failed_count = c.failed,
       non_compliant_count = c.non_compliant
     FROM (SELECT a2.id,
             count(r.audit_id)::int AS done,
             (count(*) FILTER (WHERE r.row->>'status' = 'failed'))::int AS failed,
             (count(*) FILTER (WHERE r.row->>'compliance' = 'non_compliant'))::int AS non_compliant
           FROM audits a2 LEFT JOIN audit_rows r ON r.audit_id = a2.id
           WHERE a2.status = 'running' GROUP BY a2.id) c
     WHERE a.id = c.id
     RETURNING a.id`,
    [at.toISOString()],
  );
  return rows.map((r) => r.id).sort();
}
