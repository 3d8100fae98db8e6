import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresSchema } from '../testing/postgres-schema';
import { startReliabilityStack, type ReliabilityStack } from '../testing/reliability-stack';
import { skipPostgres } from '../testing/test-databases';

// Two BFF replicas (two apps, two pools) on one PostgreSQL schema behind one upstream.
describe.skipIf(skipPostgres)('two replicas on one PostgreSQL', () => {
  let pgSchema: Awaited<ReturnType<typeof postgresSchema>>;
  let one: ReliabilityStack;
  let two: ReliabilityStack;

  beforeAll(async () => {
    pgSchema = await postgresSchema();
    one = await startReliabilityStack({ db: await pgSchema.open() });
    two = await startReliabilityStack({ db: await pgSchema.open(), sharedEmulator: one.emulator });
  });
  afterAll(async () => {
    await two.close();
    await one.close();
    await pgSchema.drop();
  });

  it('serves a user signed in through one from the other, and logs both in one activity log', async () => {
    const operator = await one.signIn('operator');
    const session = await two.call(operator, 'GET', '/api/session');
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({ user: { name: 'demo-operator' } });

    const resourceId = await one.firstDashboard(operator);
    const change = (read: boolean) => ({
      resource_type: 'dashboard',
      resource_id: resourceId,
      auth_switch_config: { read },
    });
    // The CSRF token issued by one replica is honoured by the other.
    const viaTwo = await two.call(operator, 'PUT', '/api/insight/permissions', change(true));
    const viaOne = await one.call(operator, 'PUT', '/api/insight/permissions', change(false));
    expect([viaOne.status, viaTwo.status]).toEqual([200, 200]);

    for (const stack of [one, two]) {
      const log = await stack.call(operator, 'GET', '/api/activity?user=demo-operator&operation=permissions.save');
      const ids = (log.body as { items: { request_id: string }[] }).items.map((e) => e.request_id);
      expect(ids).toEqual(expect.arrayContaining([viaOne.requestId, viaTwo.requestId]));
    }

    // Signing out through one replica ends the session on both at once.
    expect((await two.call(operator, 'DELETE', '/api/session')).status).toBe(204);
    expect((await two.call(operator, 'GET', '/api/session')).status).toBe(401);
    expect((await one.call(operator, 'GET', '/api/session')).status).toBe(401);
  });
});
