import {
  bulkFixRequestSchema,
  listAuditsQuerySchema,
  savePolicyRequestSchema,
  startAuditRequestSchema,
  type AuditDetail,
  type AuditEvent,
  type AuditRow,
  type BulkFixAnswer,
  type BulkFixChange,
  type BulkFixRecordState,
  type BulkFixResult,
  type DriftReport,
  type Policy,
} from '@portico/api-types';
import type { FakeBff, FakeRequest } from './fake-bff';
import { bffError, fileResponse, json } from './responses';

const encoder = new TextEncoder();
const key = (r: { resource_type: string; resource_id: string }) => `${r.resource_type}:${r.resource_id}`;

/** What the fake audit routes hold; tests set `nextRows`, `gate` and `failSaves` to shape a run. */
export interface FakeAudits {
  audits: AuditDetail[];
  policy: Policy;
  fixes: BulkFixResult[];
  /** The rows the next `POST /api/audits` streams (already judged). */
  nextRows: AuditRow[];
  /** Holds the stream after this many rows until `release()` (or a cancel). */
  gate?: { after: number; release: () => void; wait: Promise<void> };
  /** `type:id` of saves that fail during a fix. */
  failSaves: Set<string>;
  /** Where the next fixes' records are (`written` unless a test sets the database away). */
  recordState: BulkFixRecordState;
}

export function holdAfter(audits: FakeAudits, after: number): void {
  let release = () => undefined as void;
  const wait = new Promise<void>((r) => (release = r));
  audits.gate = { after, release, wait };
}

function summaryOf(a: AuditDetail) {
  const { rows: _rows, counts: _counts, ...summary } = a;
  return summary;
}

/**
 * Audit routes for the fake BFF, registered as standing overrides (the fake matches exact
 * paths, so each audit's own paths are added when it is created).
 */
export function installFakeAudits(fake: FakeBff, seed: { rows: AuditRow[]; audits?: AuditDetail[] }): FakeAudits {
  const state: FakeAudits = {
    audits: seed.audits ?? [],
    policy: { version: 0, rules: [] },
    fixes: [],
    nextRows: seed.rows,
    failSaves: new Set(),
    recordState: 'written',
  };
  const on = (method: string, path: string, h: (req: FakeRequest) => Response | Promise<Response>) =>
    fake.override(method, path, h, { once: false });
  const cancelled = new Set<string>();

  const addAuditRoutes = (a: AuditDetail) => {
    on('GET', `/api/audits/${a.id}`, () => json(200, a));
    on('POST', `/api/audits/${a.id}/cancel`, () => {
      cancelled.add(a.id);
      state.gate?.release();
      return json(202, { cancelled: a.id });
    });
    for (const format of ['csv', 'json'] as const) {
      on('GET', `/api/audits/${a.id}/export.${format}`, () =>
        fileResponse(
          [
            encoder.encode(
              format === 'csv'
                ? `resource_type,resource_id\n${a.rows.map(key).join('\n')}`
                : JSON.stringify({ audit: summaryOf(a), rows: a.rows }),
            ),
          ],
          {
            filename: `attachment; filename="audit-${a.id}.${format}"`,
          },
        ),
      );
    }
    on('POST', `/api/audits/${a.id}/fix`, (req) => fix(a, req));
  };
  state.audits.forEach(addAuditRoutes);

  const fix = (a: AuditDetail, req: FakeRequest) => {
    const body = bulkFixRequestSchema.safeParse(req.body);
    if (!body.success) return bffError(400, 'validation_failed', 'resources: invalid', { field: 'resources' });
    const rows = new Map(a.rows.map((r) => [key(r), r]));
    const changes: BulkFixChange[] = [];
    const skipped = [];
    for (const ref of body.data.resources) {
      const row = rows.get(key(ref));
      if (!row || row.compliance !== 'non_compliant' || !row.switches) {
        skipped.push({
          ...ref,
          reason: !row
            ? ('not_in_audit' as const)
            : row.status === 'failed'
              ? ('read_failed' as const)
              : ('compliant' as const),
        });
        continue;
      }
      const after = { ...row.switches };
      for (const f of row.findings) after[f.switch] = false;
      changes.push({
        ...ref,
        name: row.name,
        before: row.switches,
        after,
        rule_ids: row.findings.map((f) => f.rule_id),
      });
    }
    if (body.data.dry_run) return json(200, { audit_id: a.id, policy_version: state.policy.version, changes, skipped });
    return json(200, record(a.id, 'fix', changes));
  };

  const record = (auditId: string, kind: 'fix' | 'undo', changes: BulkFixChange[], undoOf?: string): BulkFixAnswer => {
    const outcomes = changes.map((c) =>
      state.failSaves.has(key(c))
        ? {
            ...c,
            status: 'failed' as const,
            error: {
              status: 409,
              service: 'insight' as const,
              code: 'conflict',
              message: 'changed by bob since the audit',
              request_id: `up-${c.resource_id}`,
            },
          }
        : { ...c, status: 'succeeded' as const },
    );
    const result: BulkFixResult = {
      id: `fix-${state.fixes.length + 1}`,
      audit_id: auditId,
      kind,
      ...(undoOf ? { undo_of: undoOf } : {}),
      policy_version: state.policy.version,
      run_by: 'demo-admin',
      started_at: '2026-01-01T00:00:00.000Z',
      finished_at: '2026-01-01T00:00:01.000Z',
      succeeded: outcomes.filter((o) => o.status === 'succeeded').length,
      failed: outcomes.filter((o) => o.status === 'failed').length,
      outcomes,
    };
    const recordState = state.recordState;
    state.fixes.push(result);
    if (kind === 'fix' && recordState !== 'lost') {
      on('POST', `/api/audits/fix/${result.id}/undo`, () =>
        recordState === 'queued'
          ? bffError(
              503,
              'service_unavailable',
              `The record of fix ${result.id} is waiting for the database; it can be undone once the record is written`,
            )
          : json(
              200,
              record(
                auditId,
                'undo',
                outcomes
                  .filter((o) => o.status === 'succeeded')
                  .map((o) => ({ ...o, before: o.after, after: o.before })),
                result.id,
              ),
            ),
      );
    }
    return { ...result, record: recordState };
  };

  on('GET', '/api/audits', (req) => {
    const { offset, limit } = listAuditsQuerySchema.parse(Object.fromEntries(req.url.searchParams));
    const newestFirst = [...state.audits].reverse().map(summaryOf);
    return json(200, { total: newestFirst.length, offset, limit, items: newestFirst.slice(offset, offset + limit) });
  });
  on('GET', '/api/policy', () => json(200, state.policy));
  on('PUT', '/api/policy', (req) => {
    const body = savePolicyRequestSchema.safeParse(req.body);
    if (!body.success) return bffError(400, 'validation_failed', 'rules: invalid', { field: 'rules' });
    if (fake.roles.every((r) => r !== 'admin')) return bffError(403, 'forbidden', 'Your role does not allow this.');
    state.policy = {
      version: state.policy.version + 1,
      rules: body.data.rules,
      saved_by: 'demo-admin',
      saved_at: '2026-01-01T00:00:00.000Z',
    };
    return json(200, state.policy);
  });
  on('GET', '/api/audits/drift', (req) => {
    const [from, to] = ['from', 'to'].map((p) => state.audits.find((a) => a.id === req.url.searchParams.get(p)));
    if (!from || !to) return bffError(404, 'not_found', 'No such audit');
    const before = new Map(from.rows.map((r) => [key(r), r]));
    const report: DriftReport = {
      workspace_id: to.workspace_id,
      project_id: to.project_id,
      from: summaryOf(from),
      to: summaryOf(to),
      turned_on: [],
      turned_off: [],
      added: [],
      gone: [],
      not_compared: [],
    };
    for (const r of to.rows) {
      const old = before.get(key(r));
      if (!old) report.added.push({ resource_type: r.resource_type, resource_id: r.resource_id, name: r.name });
      for (const [s, v] of Object.entries(r.switches ?? {})) {
        if (old?.switches && old.switches[s] !== v)
          (v ? report.turned_on : report.turned_off).push({
            resource_type: r.resource_type,
            resource_id: r.resource_id,
            name: r.name,
            switch: s as 'read',
            update_user_name: r.update_user_name,
            update_date: r.update_date,
          });
      }
    }
    return json(200, report);
  });

  for (const format of ['csv', 'json'] as const) {
    on('GET', `/api/audits/drift/export.${format}`, (req) => {
      const [from, to] = ['from', 'to'].map((p) => req.url.searchParams.get(p));
      return fileResponse([encoder.encode(`drift ${from} → ${to}`)], {
        filename: `attachment; filename="drift-${from}-${to}.${format}"`,
      });
    });
  }

  on('POST', '/api/audits', (req) => {
    const body = startAuditRequestSchema.safeParse(req.body);
    if (!body.success) return bffError(400, 'validation_failed', 'workspace_id: invalid', { field: 'workspace_id' });
    const rows = state.nextRows;
    const audit: AuditDetail = {
      id: `aud-${state.audits.length + 1}`,
      workspace_id: body.data.workspace_id,
      project_id: 'p-1',
      run_by: 'demo-admin',
      started_at: `2026-01-0${state.audits.length + 1}T00:00:00.000Z`,
      status: 'running',
      resource_types: body.data.resource_types ?? ['dataset', 'dashboard'],
      policy_version: state.policy.version,
      total: rows.length,
      done: 0,
      failed_count: rows.filter((r) => r.status === 'failed').length,
      non_compliant_count: rows.filter((r) => r.compliance === 'non_compliant').length,
      enumeration_errors: [],
      counts: {},
      rows: [],
    };
    state.audits.push(audit);
    addAuditRoutes(audit);
    const stream = new ReadableStream<Uint8Array>({
      async start(c) {
        const emit = (e: AuditEvent) => c.enqueue(encoder.encode(`${JSON.stringify(e)}\n`));
        emit({ type: 'started', audit_id: audit.id, total: rows.length });
        for (const [i, row] of rows.entries()) {
          if (state.gate && i === state.gate.after) await state.gate.wait;
          if (cancelled.has(audit.id)) {
            audit.status = 'cancelled';
            emit({ type: 'cancelled', audit_id: audit.id });
            return c.close();
          }
          audit.rows.push(row);
          audit.done = i + 1;
          emit({ type: 'row', row });
          emit({ type: 'progress', done: i + 1, total: rows.length });
        }
        audit.status = 'finished';
        audit.finished_at = '2026-01-01T00:00:02.000Z';
        emit({ type: 'finished', audit: summaryOf(audit) });
        c.close();
      },
    });
    return new Response(stream, { status: 200, headers: { 'content-type': 'application/x-ndjson' } });
  });
  return state;
}
