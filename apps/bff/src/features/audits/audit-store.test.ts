import type { AuditRow, BulkFixResult } from '@portico/api-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../testing/test-databases';
import { AuditStore } from './audit-store';
import { FixStore } from './fix-store';
import { PolicyStore, PolicyVersionConflictError } from './policy-store';
import { auditRow, auditSummary } from './testing/audit-fixtures';
import { auditTestBackends } from './testing/audit-database';

describe.each(auditTestBackends)('audit stores on $name', ({ open, skip }) => {
  let t: TestDatabase;
  beforeAll(async () => {
    if (!skip) t = await open();
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it.skipIf(skip)('stores an audit, its rows in batches, and its final counts', async () => {
    const store = new AuditStore(t.db);
    await store.create(auditSummary({ id: 'big', status: 'running', finished_at: undefined }));
    const rows: AuditRow[] = Array.from({ length: 1_234 }, (_, i) =>
      auditRow({ resource_id: `ds-${String(i).padStart(5, '0')}`, name: `it's "${i}"` }),
    );
    await store.addRows('big', rows.slice(0, 700));
    await store.addRows('big', rows.slice(700));
    await store.updateProgress('big', {
      status: 'finished',
      total: 1_234,
      done: 1_234,
      failed_count: 0,
      non_compliant_count: 0,
      enumeration_errors: [],
      finished_at: '2026-11-23T09:01:00.000Z',
    });
    const detail = await store.detail('big');
    expect(detail).toMatchObject({ status: 'finished', done: 1_234, run_by: 'ada' });
    expect(detail?.finished_at).toBe('2026-11-23T09:01:00.000Z');
    expect(detail?.rows).toEqual(rows);
    expect(detail?.counts.dataset).toEqual({
      total: 1_234,
      failed: 0,
      non_compliant: 0,
      switches_on: { use: 1_234, edit: 0 },
    });
    expect(await store.get('nope')).toBeUndefined();
  });

  it.skipIf(skip)('stores upstream text holding a NUL (which PostgreSQL cannot) with U+FFFD in its place', async () => {
    const store = new AuditStore(t.db);
    const failure = { status: 500, code: 'DI.0500', message: 'bad\u0000page', request_id: 'r\u00001' };
    await store.create(auditSummary({ id: 'nul', status: 'running', finished_at: undefined }));
    await store.addRows('nul', [
      auditRow({ resource_id: 'ds\u00001', name: 'Sa\u0000les', owner: 'u\u0000', owner_name: '\u0000' }),
      auditRow({ resource_id: 'ds-2', status: 'failed', error: failure, compliance: 'unknown', switches: undefined }),
      // Stored as the first row's ID: it replaces that row.
      auditRow({ resource_id: 'ds\uFFFD1', name: 'Sa\u0000les', owner: 'u\u0000', owner_name: '\u0000' }),
    ]);
    await store.updateProgress('nul', {
      status: 'finished',
      total: 2,
      done: 2,
      failed_count: 1,
      non_compliant_count: 0,
      enumeration_errors: [{ resource_type: 'dashboard', error: failure }],
      finished_at: '2026-11-23T09:01:00.000Z',
    });
    const detail = await store.detail('nul');
    const stored = { ...failure, message: 'bad\uFFFDpage', request_id: 'r\uFFFD1' };
    expect(detail?.rows).toEqual([
      auditRow({ resource_id: 'ds-2', status: 'failed', error: stored, compliance: 'unknown', switches: undefined }),
      auditRow({ resource_id: 'ds\uFFFD1', name: 'Sa\uFFFDles', owner: 'u\uFFFD', owner_name: '\uFFFD' }),
    ]);
    expect(detail?.enumeration_errors).toEqual([{ resource_type: 'dashboard', error: stored }]);
    expect(await store.knownResourceIds('ws1', 'dataset')).toContain('ds\uFFFD1');
  });

  it.skipIf(skip)('lists newest first, by workspace, paged', async () => {
    const store = new AuditStore(t.db);
    for (const [id, ws, at] of [
      ['l1', 'wsA', '2026-11-20T00:00:00.000Z'],
      ['l2', 'wsA', '2026-11-22T00:00:00.000Z'],
      ['l3', 'wsB', '2026-11-21T00:00:00.000Z'],
    ] as const) {
      await store.create(auditSummary({ id, workspace_id: ws, started_at: at }));
    }
    const page = await store.list({ workspace_id: 'wsA', offset: 0, limit: 1 });
    expect(page.total).toBe(2);
    expect(page.items.map((a) => a.id)).toEqual(['l2']);
    const next = await store.list({ workspace_id: 'wsA', offset: 1, limit: 1 });
    expect([next.total, next.offset, next.items.map((a) => a.id)]).toEqual([2, 1, ['l1']]);
    const all = await store.list({ offset: 0, limit: 50 });
    const ids = all.items.map((a) => a.id).filter((id) => id.startsWith('l'));
    expect(ids).toEqual(['l2', 'l3', 'l1']);
  });

  it.skipIf(skip)('knows the IDs earlier audits of a workspace saw, per type', async () => {
    const store = new AuditStore(t.db);
    await store.create(auditSummary({ id: 'k1', workspace_id: 'wsK' }));
    await store.addRows('k1', [
      auditRow({ resource_type: 'portal', resource_id: 'p2' }),
      auditRow({ resource_type: 'portal', resource_id: 'p1' }),
      auditRow({ resource_type: 'dataset', resource_id: 'd1' }),
    ]);
    await t.db.query(
      `INSERT INTO activity (id, at, user_name, operation, target, outcome, request_id, workspace_id)
       VALUES ('act-k1', now(), 'ada', 'permissions.save', 'portal:p3', 'success', 'r', 'wsK'),
              ('act-k2', now(), 'ada', 'permissions.save', 'dataset:d9', 'success', 'r', 'wsK')`,
    );
    expect(await store.knownResourceIds('wsK', 'portal')).toEqual(['p1', 'p2', 'p3']);
    expect(await store.knownResourceIds('other', 'portal')).toEqual([]);
  });

  it.skipIf(skip)('versions the policy and refuses a stale save', async () => {
    const store = new PolicyStore(t.db);
    expect(await store.current()).toEqual({ version: 0, rules: [] });
    const rules = [
      {
        id: 'r',
        kind: 'must_be_off' as const,
        resource_type: 'dataset' as const,
        switch: 'export' as const,
      },
    ];
    const v1 = await store.save(rules, 'ada', '2026-11-23T08:00:00.000Z', 0);
    expect(v1.version).toBe(1);
    await store.save([], 'ada', '2026-11-23T08:05:00.000Z');
    expect((await store.current()).version).toBe(2);
    expect((await store.version(1))?.rules).toEqual(rules);
    await expect(store.save([], 'bob', '2026-11-23T08:10:00.000Z', 1)).rejects.toBeInstanceOf(
      PolicyVersionConflictError,
    );
  });

  it.skipIf(skip)('keeps fixes and their undos', async () => {
    await new AuditStore(t.db).create(auditSummary({ id: 'fx' }));
    const store = new FixStore(t.db);
    const fix: BulkFixResult = {
      id: 'f1',
      audit_id: 'fx',
      kind: 'fix',
      policy_version: 1,
      run_by: 'ada',
      started_at: '2026-11-23T10:00:00.000Z',
      finished_at: '2026-11-23T10:00:01.000Z',
      succeeded: 1,
      failed: 0,
      outcomes: [
        {
          resource_type: 'dataset',
          resource_id: 'd1',
          before: { export: true },
          after: { export: false },
          rule_ids: ['r'],
          status: 'succeeded',
        },
      ],
    };
    await store.save(fix);
    await store.save({ ...fix, id: 'u1', kind: 'undo', undo_of: 'f1' });
    expect(await store.get('f1')).toEqual(fix);
    expect((await store.undosOf('f1')).map((u) => u.id)).toEqual(['u1']);

    // A failed save's upstream message may hold a NUL: the fix is still kept.
    const error = { status: 500, code: 'DI.0500', message: 'no\u0000pe' };
    const failed = { ...fix, id: 'f2', outcomes: [{ ...fix.outcomes[0]!, status: 'failed' as const, error }] };
    await store.save(failed);
    expect((await store.get('f2'))?.outcomes[0]?.error).toEqual({ ...error, message: 'no\uFFFDpe' });
  });
});
