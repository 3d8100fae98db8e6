import { setTimeout as sleep } from 'node:timers/promises';
import { auditEventSchema } from '@portico/api-types';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { DatabaseUnavailableError } from '../../db/database-unavailable';
import type { TestDatabase } from '../../testing/test-databases';
import { recordActivity } from '../activity/activity-log';
import { tuneWriteQueues } from '../../db/write-queues';
import { activitySettles } from '../activity/pending-activity';
import { fixRecords } from './fix-store';
import { auditTestBackends } from './testing/audit-database';
import { auditsTestApp } from './testing/router-harness';

const pglite = auditTestBackends.find((b) => b.name === 'pglite');
if (!pglite) throw new Error('no PGlite test back-end');

/** `db` whose statements matching `failing` fail as a lost database would, while it is set. */
function flaky(db: Database) {
  const state: { failing?: RegExp } = {};
  const wrapped: Database = {
    kind: db.kind,
    query<T>(sql: string, params?: readonly unknown[]) {
      if (state.failing?.test(sql))
        return Promise.reject(new DatabaseUnavailableError(new Error('Connection terminated')));
      return db.query<T>(sql, params);
    },
    transaction: (fn) => db.transaction(fn),
    close: () => db.close(),
  };
  return { db: wrapped, state };
}

/** The harness with the activity log as app.ts wires it in (`record`, and the log's settle queue). */
const loggedHarness = (db: Database, datasets: number) =>
  auditsTestApp(db, datasets, 0, {
    record: (entry) => recordActivity(db, entry),
    settle: (id, settlement) => activitySettles(db).settle(id, settlement),
  });

/** As an admin: `POST url`. */
const adminPost = (app: ReturnType<typeof auditsTestApp>['app'], url: string) =>
  request(app).post(url).set('x-test-role', 'admin');

/** A policy under which a dataset's export must be off (the harness's datasets alternate it). */
const saveNoExportPolicy = (app: ReturnType<typeof auditsTestApp>['app']) =>
  request(app)
    .put('/api/policy')
    .set('x-test-role', 'admin')
    .send({
      rules: [{ id: 'no-export', kind: 'must_be_off', resource_type: 'dataset', switch: 'export' }],
      expected_version: 0,
    })
    .expect(200);

/** An audit of the datasets: the fix request's URL and the rows breaking the policy. */
async function auditWithBreaches(app: ReturnType<typeof auditsTestApp>['app']) {
  const events = (await adminPost(app, '/api/audits').send({ workspace_id: 'ws1', resource_types: ['dataset'] })).text
    .trim()
    .split('\n')
    .map((l) => auditEventSchema.parse(JSON.parse(l)));
  const finished = events.at(-1);
  if (finished?.type !== 'finished') throw new Error('no finished event');
  const rows = events.flatMap((e) => (e.type === 'row' && e.row.compliance === 'non_compliant' ? [e.row] : []));
  return {
    url: `/api/audits/${finished.audit.id}/fix`,
    resources: rows.map((r) => ({ resource_type: r.resource_type, resource_id: r.resource_id })),
  };
}

// A bulk fix through the activity log as app.ts wires it in (`record` = recordActivity, `settle` =
// the log's settle queue): each save is written pending before it is sent.
describe('bulk fix and its activity entries', () => {
  let t: TestDatabase;
  let f: ReturnType<typeof flaky>;
  let h: ReturnType<typeof auditsTestApp>;
  beforeAll(async () => {
    t = await pglite.open();
    f = flaky(t.db);
    tuneWriteQueues(f.db, { minDelayMs: 20, maxDelayMs: 50 });
    await saveNoExportPolicy(loggedHarness(f.db, 6).app);
  });
  beforeEach(() => {
    h = loggedHarness(f.db, 6);
  });
  afterAll(() => t.dispose());

  const admin = {
    post: (url: string) => adminPost(h.app, url),
  };
  const fixEntries = (fixId?: string) =>
    t.db.query<{ outcome: string; before: unknown; after: unknown }>(
      `SELECT outcome, before, after FROM activity WHERE operation = 'audit.fix' ${fixId ? "AND details->>'fix_id' = $1" : ''} ORDER BY target`,
      fixId ? [fixId] : [],
    );

  /** An audit with three of the six datasets breaking the policy (export on), and the fix request. */
  async function auditOfSix() {
    const audit = await auditWithBreaches(h.app);
    expect(audit.resources).toHaveLength(3);
    return audit;
  }

  it('settles each save as success with its before and after', async () => {
    const { url, resources } = await auditOfSix();
    const fixed = await admin.post(url).send({ resources });
    expect(fixed.body).toMatchObject({ succeeded: 3, failed: 0, record: 'written' });
    expect(await fixEntries(fixed.body.id)).toEqual(
      Array(3).fill({
        outcome: 'success',
        before: expect.objectContaining({ export: true }),
        after: expect.objectContaining({ export: false }),
      }),
    );
  });

  it('the database gone before a pending write: 503 and nothing saved', async () => {
    const { url, resources } = await auditOfSix();
    const logged = (await fixEntries()).length;
    f.state.failing = /^\s*INSERT INTO activity\b/;
    const res = await admin.post(url).send({ resources });
    f.state.failing = undefined;
    // The harness's error handler answers 500 with the error; the app's answers it 503.
    expect(res.status).toBe(500);
    expect(res.body.error.message).toContain('DatabaseUnavailableError');
    expect([...h.records.values()].filter((r) => r.auth_switch_config.export)).toHaveLength(3);
    expect(await fixEntries()).toHaveLength(logged);
  });

  it('the database gone at the settles: the saves answer, and their entries settle once it is back', async () => {
    const { url, resources } = await auditOfSix();
    f.state.failing = /^\s*UPDATE activity SET outcome\b/;
    const fixed = await admin.post(url).send({ resources });
    expect(fixed.body).toMatchObject({ succeeded: 3, failed: 0 });
    expect((await fixEntries(fixed.body.id)).map((e) => e.outcome)).toEqual(['pending', 'pending', 'pending']);
    expect(activitySettles(f.db).size).toBe(3);
    f.state.failing = undefined;
    for (let i = 0; i < 100 && activitySettles(f.db).size > 0; i++) await sleep(20);
    expect((await fixEntries(fixed.body.id)).map((e) => e.outcome)).toEqual(['success', 'success', 'success']);
  });

  it('the database gone at the fix record: the fix answers it queued, and its undo works once the record lands', async () => {
    const { url, resources } = await auditOfSix();
    f.state.failing = /^\s*INSERT INTO audit_fixes\b/;
    const fixed = await admin.post(url).send({ resources });
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({ succeeded: 3, failed: 0, record: 'queued' });
    expect(fixRecords(f.db).size).toBe(1);
    // Not written yet: the one-click undo says it waits for the database, not that there is no such fix.
    const early = await admin.post(`/api/audits/fix/${fixed.body.id}/undo`).send({});
    expect(early.status).toBe(503);
    expect(early.body.error).toMatchObject({ code: 'service_unavailable' });
    expect(early.body.error.message).toContain('waiting for the database');
    expect((await admin.post('/api/audits/fix/00000000-0000-4000-8000-000000000000/undo').send({})).status).toBe(404);
    f.state.failing = undefined;
    for (let i = 0; i < 100 && fixRecords(f.db).size > 0; i++) await sleep(20);
    expect(fixRecords(f.db).size).toBe(0);
    const undone = await admin.post(`/api/audits/fix/${fixed.body.id}/undo`).send({});
    expect(undone.status).toBe(200);
    expect(undone.body).toMatchObject({
      kind: 'undo',
      undo_of: fixed.body.id,
      succeeded: 3,
      failed: 0,
      record: 'written',
    });
    expect(
      [...h.records.values()].filter((r) =>
        resources.some((x) => x.resource_id === r.resource_id && r.auth_switch_config.export),
      ),
    ).toHaveLength(3);
  });
});

describe('a bulk-fix record the queue cannot keep', () => {
  let t: TestDatabase;
  afterAll(() => t.dispose());

  it('answers the fix with its record lost, and the undo finds no fix', async () => {
    t = await pglite.open();
    const f = flaky(t.db);
    // No room to keep a write: the record is dropped as when the queue is full or the server stops.
    tuneWriteQueues(f.db, { maxItems: 0 });
    const { app } = loggedHarness(f.db, 3);
    await saveNoExportPolicy(app);
    const { url, resources } = await auditWithBreaches(app);
    expect(resources.length).toBeGreaterThan(0);
    f.state.failing = /^\s*INSERT INTO audit_fixes\b/;
    const fixed = await adminPost(app, url).send({ resources });
    f.state.failing = undefined;
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({ succeeded: resources.length, record: 'lost' });
    expect(fixRecords(f.db).has(fixed.body.id)).toBe(false);
    expect((await adminPost(app, `/api/audits/fix/${fixed.body.id}/undo`).send({})).status).toBe(404);
  });
});
