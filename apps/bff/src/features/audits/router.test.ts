import { auditEventSchema, type AuditEvent } from '@portico/api-types';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../testing/test-databases';
import { auditTestBackends } from './testing/audit-database';
import { permissionsRecord } from './testing/fake-upstream';
import { auditsTestApp } from './testing/router-harness';

const pglite = auditTestBackends.find((b) => b.name === 'pglite');
if (!pglite) throw new Error('no PGlite test back-end');

const events = (text: string): AuditEvent[] =>
  text
    .trim()
    .split('\n')
    .map((l) => auditEventSchema.parse(JSON.parse(l)));

describe('audits router: the admin journey', () => {
  let t: TestDatabase;
  let h: ReturnType<typeof auditsTestApp>;
  beforeAll(async () => {
    t = await pglite.open();
    h = auditsTestApp(t.db, 10);
  });
  afterAll(() => t.dispose());

  const as = (role: string) => ({
    post: (url: string) => request(h.app).post(url).set('x-test-role', role),
    get: (url: string) => request(h.app).get(url).set('x-test-role', role),
    put: (url: string) => request(h.app).put(url).set('x-test-role', role),
  });
  const audit = async (role = 'admin') => {
    const res = await as(role)
      .post('/api/audits')
      .send({ workspace_id: 'ws1', resource_types: ['dataset'] });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/x-ndjson/);
    return events(res.text);
  };

  it('policy, audit, fix, re-audit, drift, evidence, undo', async () => {
    const saved = await as('admin')
      .put('/api/policy')
      .send({
        rules: [{ id: 'no-export', kind: 'must_be_off', resource_type: 'dataset', switch: 'export' }],
        expected_version: 0,
      });
    expect(saved.body).toMatchObject({ version: 1, saved_by: 'admin-user' });

    const first = await audit();
    expect(first[0]).toMatchObject({ type: 'started', total: 10 });
    expect(first.filter((e) => e.type === 'row')).toHaveLength(10);
    const finished = first.at(-1);
    if (finished?.type !== 'finished') throw new Error('no finished event');
    expect(finished.audit).toMatchObject({ done: 10, non_compliant_count: 5, policy_version: 1 });
    const a1 = finished.audit.id;

    const bad = (await as('auditor').get(`/api/audits/${a1}`)).body.rows.filter(
      (r: { compliance: string }) => r.compliance === 'non_compliant',
    );
    const resources = bad.map((r: { resource_type: string; resource_id: string }) => ({
      resource_type: r.resource_type,
      resource_id: r.resource_id,
    }));
    const plan = await as('admin').post(`/api/audits/${a1}/fix`).send({ resources, dry_run: true });
    expect(plan.body.changes).toHaveLength(5);
    expect(plan.body.changes[0]).toMatchObject({
      before: { export: true },
      after: { export: false },
    });

    const fixed = await as('admin').post(`/api/audits/${a1}/fix`).send({ resources, policy_version: 1 });
    expect(fixed.body).toMatchObject({ kind: 'fix', succeeded: 5, failed: 0 });
    expect(h.activity.filter((a) => a.operation === 'audit.fix')).toHaveLength(5);
    expect(h.activity.find((a) => a.operation === 'audit.fix')).toMatchObject({
      before: { export: true },
      after: { export: false },
      outcome: 'success',
    });
    // Each save was written pending before it was sent, then settled: none is left pending.
    expect(h.activity.filter((a) => a.outcome === 'pending')).toEqual([]);

    const second = (await audit()).at(-1);
    if (second?.type !== 'finished') throw new Error('no finished event');
    expect(second.audit.non_compliant_count).toBe(0);

    const drift = await as('auditor').get(`/api/audits/drift?from=${a1}&to=${second.audit.id}`);
    expect(drift.body.turned_off).toHaveLength(5);
    expect(drift.body.turned_off[0]).toMatchObject({ switch: 'export', update_user_name: 'ada' });

    const csv = await as('auditor').get(`/api/audits/${a1}/export.csv`);
    expect(csv.headers['content-disposition']).toContain(`audit-${a1}.csv`);
    expect(csv.text.trim().split('\r\n')).toHaveLength(11);
    const json = await as('auditor')
      .get(`/api/audits/${a1}/export.json`)
      .buffer(true)
      .parse((res, cb) => {
        let s = '';
        res.on('data', (c: Buffer) => (s += c.toString()));
        res.on('end', () => cb(null, s));
      });
    expect(JSON.parse(json.body as string).metadata).toMatchObject({
      audit_id: a1,
      run_by: 'admin-user',
      policy_version: 1,
    });
    const driftCsv = await as('auditor').get(`/api/audits/drift/export.csv?from=${a1}&to=${second.audit.id}`);
    expect(driftCsv.text.trim().split('\r\n')).toHaveLength(6);

    const undoUrl = `/api/audits/fix/${fixed.body.id}/undo`;
    const preview = await as('admin').post(undoUrl).send({ dry_run: true });
    expect(preview.body).toMatchObject({ fix_id: fixed.body.id });
    expect(preview.body.changes).toHaveLength(5);
    expect(preview.body.changes[0]).toMatchObject({ before: { export: false }, after: { export: true } });
    expect(h.records.get('ds-0')?.auth_switch_config.export).toBe(false);

    // Undo one resource first: a later undo of the whole fix leaves it out.
    const one = await as('admin')
      .post(undoUrl)
      .send({ resources: [{ resource_type: 'dataset', resource_id: 'ds-0' }] });
    expect(one.body).toMatchObject({ kind: 'undo', succeeded: 1, failed: 0 });
    expect(h.records.get('ds-0')?.auth_switch_config.export).toBe(true);

    // Someone edits ds-2 after the fix: the undo must not overwrite that edit.
    const ds2 = h.records.get('ds-2');
    if (!ds2) throw new Error('no ds-2');
    h.records.set('ds-2', { ...ds2, update_date: ds2.update_date + 1_000, update_user_name: 'eve' });
    const undone = await as('admin').post(undoUrl).send({});
    expect(undone.body).toMatchObject({
      kind: 'undo',
      undo_of: fixed.body.id,
      succeeded: 3,
      failed: 1,
    });
    expect(undone.body.outcomes).toHaveLength(4);
    expect(undone.body.outcomes.find((o: { resource_id: string }) => o.resource_id === 'ds-2')).toMatchObject({
      status: 'failed',
      error: { status: 409, code: 'conflict', message: expect.stringContaining('eve') },
    });
    expect(h.records.get('ds-2')?.auth_switch_config.export).toBe(false);

    // Eve's edit is reverted; the undo left to do is ds-2 alone, and then nothing is left.
    h.records.set('ds-2', ds2);
    const rest = await as('admin').post(undoUrl).send({});
    expect(rest.body).toMatchObject({ succeeded: 1, failed: 0 });
    expect(rest.body.outcomes.map((o: { resource_id: string }) => o.resource_id)).toEqual(['ds-2']);
    expect(h.records.get('ds-2')?.auth_switch_config.export).toBe(true);
    const none = await as('admin').post(undoUrl).send({});
    expect(none.status).toBe(409);
    expect(none.body.error.message).toContain('already been undone');

    const list = await as('auditor').get('/api/audits?workspace_id=ws1');
    expect(list.body.total).toBe(2);
  });

  it('an auditor can audit but not fix or change the policy; an operator can do neither', async () => {
    const events = await audit('auditor');
    const done = events.at(-1);
    if (done?.type !== 'finished') throw new Error('no finished event');
    const fix = await as('auditor')
      .post(`/api/audits/${done.audit.id}/fix`)
      .send({ resources: [{ resource_type: 'dataset', resource_id: 'ds-0' }] });
    expect(fix.status).toBe(403);
    expect((await as('auditor').put('/api/policy').send({ rules: [] })).status).toBe(403);
    expect((await as('operator').post('/api/audits').send({ workspace_id: 'ws1' })).status).toBe(403);
    expect((await as('operator').get('/api/audits')).status).toBe(403);
  });

  it('names the bad field, and answers 404/409 where due', async () => {
    const bad = await as('admin')
      .post('/api/audits')
      .send({ workspace_id: '', resource_types: ['dataset'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('workspace_id');
    expect((await as('admin').get('/api/audits/nope')).status).toBe(404);
    expect((await as('admin').post('/api/audits/nope/cancel')).status).toBe(404);
    const done = (await audit()).at(-1);
    if (done?.type !== 'finished') throw new Error('no finished event');
    const late = await as('admin').post(`/api/audits/${done.audit.id}/cancel`);
    expect(late.status).toBe(409);
    expect(late.body.error.message).toContain('is not running');
    const stale = await as('admin').put('/api/policy').send({ rules: [], expected_version: 0 });
    expect(stale.status).toBe(409);
    // A NUL (which the database's text and jsonb cannot hold) is a 400 naming the field, not a 500.
    const nulOwner = await as('admin')
      .put('/api/policy')
      .send({
        rules: [{ id: 'r', kind: 'only_owners', resource_type: 'dataset', switch: 'export', owners: ['a\u0000'] }],
      });
    expect(nulOwner.status).toBe(400);
    expect(nulOwner.body.error).toMatchObject({ code: 'validation_failed', field: 'rules.0.owners.0' });
    const nulWorkspace = await as('admin')
      .post('/api/audits')
      .send({ workspace_id: 'ws\u0000', resource_types: ['dataset'] });
    expect(nulWorkspace.status).toBe(400);
    expect(nulWorkspace.body.error.field).toBe('workspace_id');
  });

  it('streams upstream text holding a NUL as it is stored, with U+FFFD in its place', async () => {
    const ref = { resource_type: 'dataset' as const, resource_id: 'ds-\u0000x' };
    h.records.set(ref.resource_id, permissionsRecord(ref, { owner: 'u\u0000', create_user_name: 'ol\u0000ga' }));
    try {
      const streamed = await audit();
      const done = streamed.at(-1);
      if (done?.type !== 'finished') throw new Error('no finished event');
      const live = streamed.flatMap((e) =>
        e.type === 'row' && e.row.resource_id.startsWith('ds-\uFFFD') ? [e.row] : [],
      );
      expect(live).toHaveLength(1);
      expect(live[0]).toMatchObject({ resource_id: 'ds-\uFFFDx', name: 'Set ds-\uFFFDx', owner: 'u\uFFFD' });
      expect(JSON.stringify(streamed)).not.toContain('\\u0000');
      // The row shown while the audit ran is the row kept.
      const stored = (await as('auditor').get(`/api/audits/${done.audit.id}`)).body.rows;
      expect(stored.find((r: { resource_id: string }) => r.resource_id === 'ds-\uFFFDx')).toEqual(live[0]);
    } finally {
      h.records.delete(ref.resource_id);
    }
  });
});
