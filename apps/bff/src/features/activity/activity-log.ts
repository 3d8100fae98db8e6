import { randomUUID } from 'node:crypto';
import type { ActivityEntry, ListActivityQuery, ListActivityResult } from '@portico/api-types';
import type { Database } from '../../db/database';
import { storableJson } from '../../db/storable-text';

export type NewActivity = Omit<ActivityEntry, 'id' | 'at'> & { at?: string };

interface Row {
  id: string;
  at: Date | string;
  user_name: string;
  role: string | null;
  operation: string;
  target: string;
  outcome: string;
  request_id: string;
  error_code: string | null;
  workspace_id: string | null;
  before: Record<string, boolean> | null;
  after: Record<string, boolean> | null;
  details: Record<string, unknown> | null;
}

const fromRow = (r: Row): ActivityEntry => {
  const e: Record<string, unknown> = {
    id: r.id,
    at: new Date(r.at).toISOString(),
    user: r.user_name,
    operation: r.operation,
    target: r.target,
    outcome: r.outcome,
    request_id: r.request_id,
  };
  if (r.role) e.role = r.role;
  if (r.error_code) e.error_code = r.error_code;
  if (r.workspace_id) e.workspace_id = r.workspace_id;
  if (r.before) e.before = r.before;
  if (r.after) e.after = r.after;
  if (r.details) e.details = r.details;
  return e as ActivityEntry;
};

/** Writes one activity entry; callers await it before answering the request. */
export async function recordActivity(db: Database, entry: NewActivity): Promise<ActivityEntry> {
  const id = randomUUID();
  const at = entry.at ?? new Date().toISOString();
  await db.query(
    `INSERT INTO activity (id, at, user_name, role, operation, target, outcome, request_id, error_code, workspace_id, before, after, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      id,
      at,
      entry.user,
      entry.role ?? null,
      entry.operation,
      entry.target,
      entry.outcome,
      entry.request_id,
      entry.error_code ?? null,
      entry.workspace_id ?? null,
      storableJson(entry.before),
      storableJson(entry.after),
      storableJson(entry.details),
    ],
  );
  return { ...entry, id, at } as ActivityEntry;
}

/**
 * How an operation written `pending` ended. `before`, `after`, `details` and `request_id` (a
 * bulk fix's failed save names the upstream's) replace the pending entry's when given and are
 * kept otherwise; `error_code` is cleared unless given.
 */
export type ActivitySettlement = Partial<
  Pick<ActivityEntry, 'error_code' | 'before' | 'after' | 'details' | 'request_id'>
> & {
  outcome: Exclude<ActivityEntry['outcome'], 'pending'>;
};

/**
 * Settles an entry: pending → success or failure, or a download's success → failure when its
 * stream breaks (one entry per operation, and no cut download logged as a success). Idempotent.
 */
export async function settleActivity(db: Database, id: string, s: ActivitySettlement): Promise<void> {
  await db.query(
    `UPDATE activity SET outcome = $2, error_code = $3, before = COALESCE($4::jsonb, before),
       after = COALESCE($5::jsonb, after), details = COALESCE($6::jsonb, details), request_id = COALESCE($7, request_id)
     WHERE id = $1`,
    [
      id,
      s.outcome,
      s.error_code ?? null,
      storableJson(s.before),
      storableJson(s.after),
      storableJson(s.details),
      s.request_id ?? null,
    ],
  );
}

function where(q: Omit<ListActivityQuery, 'offset' | 'limit'>): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, v: unknown) => {
    params.push(v);
    parts.push(clause.replace('?', `$${params.length}`));
  };
  if (q.user) add('user_name = ?', q.user);
  if (q.operation) add('operation = ?', q.operation);
  if (q.outcome) add('outcome = ?', q.outcome);
  // `resource` matches within the target, case-insensitively; LIKE wildcards are escaped.
  if (q.resource) add("target ILIKE ? ESCAPE '\\'", `%${q.resource.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (q.from) add('at >= ?', new Date(q.from).toISOString());
  if (q.to) add('at <= ?', new Date(q.to).toISOString());
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export async function listActivity(db: Database, q: ListActivityQuery): Promise<ListActivityResult> {
  const w = where(q);
  const total = await db.query<{ n: number | string }>(`SELECT count(*) AS n FROM activity ${w.sql}`, w.params);
  const rows = await db.query<Row>(
    `SELECT * FROM activity ${w.sql} ORDER BY at DESC, id LIMIT $${w.params.length + 1} OFFSET $${w.params.length + 2}`,
    [...w.params, q.limit, q.offset],
  );
  return { total: Number(total[0]?.n ?? 0), offset: q.offset, limit: q.limit, items: rows.map(fromRow) };
}

/** Every matching entry, newest first, a page at a time (for the CSV export). */
export async function* iterateActivity(
  db: Database,
  q: Omit<ListActivityQuery, 'offset' | 'limit'>,
  pageSize = 500,
): AsyncGenerator<ActivityEntry> {
  for (let offset = 0; ; offset += pageSize) {
    const page = await listActivity(db, { ...q, offset, limit: pageSize });
    yield* page.items;
    if (page.items.length < pageSize) return;
  }
}
