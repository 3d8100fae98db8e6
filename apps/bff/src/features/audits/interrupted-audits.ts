import type { Database } from '../../db/database';

/** A running audit whose heartbeat (every second) has been silent this long was interrupted. */
export const silentAuditMs = 60_000;

/**
 * Marks audits still `running` as `failed`, finished at `at`, and returns their ids. Their
 * counts come from the rows they had stored: a running audit's summary is only written at the end.
 *
 * A sweep lives in the process that started it (see start-audit-routes): once that process has
 * stopped, nothing will ever finish a `running` audit, and the UI would show it spinning forever.
 * With `silentSince`, only audits whose last heartbeat (or start) is older are marked: on a
 * PostgreSQL shared by several replicas, another replica may be running the rest right now.
 * Without it every running audit is marked: for start-up on the embedded database, which is
 * this process's alone.
 */
export async function markInterruptedAudits(
  db: Database,
  at: Date,
  opts: { silentSince?: Date } = {},
): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `UPDATE audits a SET status = 'failed', finished_at = $1,
       done = c.done, total = GREATEST(a.total, c.done), failed_count = c.failed,
       non_compliant_count = c.non_compliant
     FROM (SELECT a2.id,
             count(r.audit_id)::int AS done,
             (count(*) FILTER (WHERE r.row->>'status' = 'failed'))::int AS failed,
             (count(*) FILTER (WHERE r.row->>'compliance' = 'non_compliant'))::int AS non_compliant
           FROM audits a2 LEFT JOIN audit_rows r ON r.audit_id = a2.id
           WHERE a2.status = 'running'
             AND ($2::timestamptz IS NULL OR COALESCE(a2.heartbeat_at, a2.started_at) < $2)
           GROUP BY a2.id) c
     WHERE a.id = c.id
     RETURNING a.id`,
    [at.toISOString(), opts.silentSince?.toISOString() ?? null],
  );
  return rows.map((r) => r.id).sort();
}
