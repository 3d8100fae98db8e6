import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { postgresBehindRelay } from '../testing/postgres-behind-relay';
import {
  expectBffError,
  startReliabilityStack,
  type Caller,
  type ReliabilityStack,
} from '../testing/reliability-stack';
import type { TcpProxy } from '../testing/tcp-proxy';
import { skipPostgres } from '../testing/test-databases';
import { watchCrashes } from '../testing/crash-watch';

// PostgreSQL briefly unavailable (through a TCP relay this test cuts): clear 503s, the process
// survives the pool's 'error' events, nothing is half-written, and service resumes on its own.
describe.skipIf(skipPostgres)('the database briefly unavailable', () => {
  let pg: Awaited<ReturnType<typeof postgresBehindRelay>>;
  let proxy: TcpProxy;
  let db: Database;
  let stack: ReliabilityStack;
  let operator: Caller;
  let resourceId: string;
  let watch: ReturnType<typeof watchCrashes>;

  beforeAll(async () => {
    watch = watchCrashes();
    pg = await postgresBehindRelay();
    ({ relay: proxy, db } = pg);
    stack = await startReliabilityStack({ db });
    operator = await stack.signIn('operator');
    resourceId = await stack.firstDashboard(operator);
  });
  afterAll(async () => {
    watch.stop();
    await stack.close();
    await pg.close();
  });

  const count = async (table: string) =>
    Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);
  const permissions = `/api/insight/permissions?resource_type=dashboard&resource_id=`;

  it('answers 503 service_unavailable during the outage, then serves the same session again', async () => {
    const before = (await stack.call(operator, 'GET', permissions + resourceId)).body.auth_switch_config as Record<
      string,
      boolean
    >;
    const activityBefore = await count('activity');
    const sessionsBefore = await count('sessions');
    expect(proxy.connections).toBeGreaterThan(0); // idle pooled connections, about to be cut

    proxy.down();
    const started = Date.now();
    const attempts = [
      await stack.call(operator, 'GET', '/api/session'),
      await stack.call(operator, 'PUT', '/api/insight/permissions', {
        resource_type: 'dashboard',
        resource_id: resourceId,
        auth_switch_config: { read: !before.read },
      }),
      await stack.call(operator, 'POST', '/api/insight/resource-packages/export', {
        name: 'outage',
        resources: [{ resource_type: 'dashboard', resource_id: resourceId }],
      }),
      await stack.call(undefined, 'POST', '/api/session', {
        domain: 'portico-demo',
        username: 'demo-auditor',
        password: 'x',
      }),
      await stack.call(operator, 'GET', '/api/activity?limit=5'),
    ];
    for (const res of attempts) {
      expectBffError(res, 503, 'service_unavailable');
      expect(res.headers.get('retry-after')).toBe('5');
    }
    // Clear answers, not hangs: five requests well within one connection timeout each.
    expect(Date.now() - started).toBeLessThan(5 * 1000);

    proxy.up();
    expect((await stack.call(operator, 'GET', '/api/session')).status).toBe(200);
    // Nothing from the outage was half-done: the upstream switch and both tables are as they were.
    expect((await stack.call(operator, 'GET', permissions + resourceId)).body.auth_switch_config).toEqual(before);
    expect(await count('sessions')).toBe(sessionsBefore);
    expect(await count('activity')).toBe(activityBefore);

    const saved = await stack.call(operator, 'PUT', '/api/insight/permissions', {
      resource_type: 'dashboard',
      resource_id: resourceId,
      auth_switch_config: { read: !before.read },
    });
    expect(saved.status).toBe(200);
    expect(await stack.activityOf(saved.requestId)).toEqual([
      { operation: 'permissions.save', outcome: 'success', error_code: null },
    ]);
    expect(watch.crashes).toEqual([]);
  });

  it('rolls back a transaction whose connection drops, leaving no partial rows', async () => {
    await db.query('CREATE TABLE IF NOT EXISTS outage_probe (n int)');
    const failed = db.transaction(async (tx) => {
      await tx.query('INSERT INTO outage_probe VALUES (1)');
      proxy.down();
      await tx.query('INSERT INTO outage_probe VALUES (2)');
    });
    await expect(failed).rejects.toMatchObject({ name: 'DatabaseUnavailableError' });
    proxy.up();
    expect(await count('outage_probe')).toBe(0);
    expect(watch.crashes).toEqual([]);
  });
});
