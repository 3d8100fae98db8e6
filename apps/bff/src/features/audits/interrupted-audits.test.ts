import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../testing/test-databases';
import { AuditStore } from './audit-store';
import { markInterruptedAudits } from './interrupted-audits';
import { auditRow, auditSummary } from './testing/audit-fixtures';
import { auditTestBackends } from './testing/audit-database';

describe.each(auditTestBackends)('markInterruptedAudits on $name', ({ open, skip }) => {
  let t: TestDatabase;
  beforeAll(async () => {
    if (!skip) t = await open();
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it.skipIf(skip)('fails the audits a stopped server left running, and only those', async () => {
    const store = new AuditStore(t.db);
    const running = { status: 'running' as const, finished_at: undefined, total: 0, done: 0 };
    await store.create(auditSummary({ id: 'left-1', ...running }));
    await store.create(auditSummary({ id: 'left-2', ...running }));
    await store.addRows('left-1', [
      auditRow({ resource_id: 'a' }),
      auditRow({ resource_id: 'b', compliance: 'non_compliant' }),
      auditRow({ resource_id: 'c', status: 'failed', compliance: 'unknown' }),
    ]);
    await store.create(auditSummary({ id: 'done' }));
    await store.create(auditSummary({ id: 'stopped', status: 'cancelled' }));
    const at = new Date('2026-11-23T10:00:00.000Z');

    expect(await markInterruptedAudits(t.db, at)).toEqual(['left-1', 'left-2']);

    // The counts are those of the rows stored before the stop.
    expect(await store.get('left-1')).toMatchObject({
      status: 'failed',
      finished_at: at.toISOString(),
      done: 3,
      total: 3,
      failed_count: 1,
      non_compliant_count: 1,
    });
    expect(await store.get('left-2')).toMatchObject({ status: 'failed', done: 0, total: 0 });
    expect((await store.get('done'))?.status).toBe('finished');
    expect((await store.get('done'))?.finished_at).toBe('2026-11-23T09:00:05.000Z');
    expect((await store.get('stopped'))?.status).toBe('cancelled');
    // A second start finds nothing left to mark.
    expect(await markInterruptedAudits(t.db, at)).toEqual([]);
  });

  it.skipIf(skip)('with silentSince, fails only running audits whose heartbeat went silent', async () => {
    const store = new AuditStore(t.db);
    const running = { status: 'running' as const, finished_at: undefined, total: 0, done: 0 };
    const started = '2026-11-23T09:00:00.000Z';
    await store.create(auditSummary({ id: 'beating', started_at: started, ...running }));
    await store.create(auditSummary({ id: 'silent', started_at: started, ...running }));
    await store.create(auditSummary({ id: 'never-beat', started_at: started, ...running }));
    await store.heartbeat('beating', new Date('2026-11-23T09:59:30.000Z'));
    await store.heartbeat('silent', new Date('2026-11-23T09:58:00.000Z'));
    const at = new Date('2026-11-23T10:00:00.000Z');
    const silentSince = new Date('2026-11-23T09:59:00.000Z');

    expect(await markInterruptedAudits(t.db, at, { silentSince })).toEqual(['never-beat', 'silent']);
    expect((await store.get('beating'))?.status).toBe('running');
    expect((await store.get('silent'))?.status).toBe('failed');
  });

  it.skipIf(skip)('a cancel asked of another replica is found at the next heartbeat', async () => {
    const store = new AuditStore(t.db);
    const running = { status: 'running' as const, finished_at: undefined, total: 0, done: 0 };
    await store.create(auditSummary({ id: 'to-cancel', ...running }));
    const at = new Date('2026-11-23T10:00:00.000Z');
    expect(await store.heartbeat('to-cancel', at)).toEqual({ cancelRequested: false });
    expect(await store.requestCancel('to-cancel', at)).toBe(true);
    expect(await store.heartbeat('to-cancel', at)).toEqual({ cancelRequested: true });
    await store.create(auditSummary({ id: 'over' }));
    expect(await store.requestCancel('over', at)).toBe(false);
    expect(await store.requestCancel('missing', at)).toBe(false);
  });
});
