import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, capabilities, roles, type Capability, type Role } from '@portico/api-types';
import { routeTable } from '../../http/route-table';
import { demoCredentials, startEmulatorFixture, type DemoUser } from '../../testing/emulator-fixture';

/**
 * What each route needs, written from the contract's capabilities. `anyone` = no session needed
 * (sign-in), `signedIn` = any role. A route the app registers but this table lacks fails the test.
 */
const table: Record<string, Capability | 'anyone' | 'signedIn'> = {
  'POST /api/session': 'anyone',
  'GET /api/session': 'signedIn',
  'DELETE /api/session': 'signedIn',
  'GET /api/insight/workspaces': 'readPermissions',
  'GET /api/insight/resources': 'readPermissions',
  'GET /api/insight/permissions': 'readPermissions',
  'PUT /api/insight/permissions': 'editPermissions',
  'POST /api/insight/resource-packages/export': 'useOperations',
  'GET /api/secmaster/workflows': 'useOperations',
  'POST /api/secmaster/workflows/export': 'useOperations',
  'POST /api/roma/assets/import': 'useOperations',
  'GET /api/roma/assets/jobs/:job_id': 'useOperations',
  'GET /api/activity': 'readActivity',
  'GET /api/activity.csv': 'readActivity',
  'GET /api/audits': 'runAudits',
  'POST /api/audits': 'runAudits',
  'GET /api/audits/drift': 'runAudits',
  'GET /api/audits/drift/export.csv': 'runAudits',
  'GET /api/audits/drift/export.json': 'runAudits',
  'GET /api/audits/:id': 'runAudits',
  'GET /api/audits/:id/export.csv': 'runAudits',
  'GET /api/audits/:id/export.json': 'runAudits',
  'POST /api/audits/:id/cancel': 'runAudits',
  'POST /api/audits/:id/fix': 'fixAudits',
  'POST /api/audits/fix/:fixId/undo': 'fixAudits',
  'GET /api/policy': 'runAudits',
  'PUT /api/policy': 'managePolicy',
};

const userOf: Record<Role, DemoUser> = { admin: 'admin', operator: 'operator', auditor: 'auditor' };
let fx: Awaited<ReturnType<typeof startEmulatorFixture>>;
let registered: string[];

async function signIn(role: Role) {
  const agent = request.agent(fx.app);
  const res = await agent.post('/api/session').send(demoCredentials(userOf[role]));
  expect(res.body.roles).toEqual([role]);
  return { agent, csrf: res.body.csrf_token as string };
}

beforeAll(async () => {
  fx = await startEmulatorFixture();
  registered = routeTable(fx.app)
    .filter((r) => r.path.startsWith('/api/'))
    .map((r) => `${r.method} ${r.path}`);
});
afterAll(() => fx.close());

describe('the role table', () => {
  it('names exactly the registered routes and only capabilities of the contract', () => {
    expect(registered.length).toBeGreaterThanOrEqual(27);
    expect([...registered].sort()).toEqual(Object.keys(table).sort());
    for (const need of Object.values(table))
      expect(['anyone', 'signedIn', ...Object.keys(capabilities)]).toContain(need);
  });

  it.each(roles)(
    'is enforced for %s on every route: 403 forbidden exactly where the contract says no',
    async (role) => {
      const { agent, csrf } = await signIn(role);
      const outcomes: string[] = [];
      for (const route of Object.keys(table).filter((k) => k !== 'DELETE /api/session')) {
        const [method, path] = route.split(' ') as [string, string];
        const need = table[route]!;
        const allowed = need === 'anyone' || need === 'signedIn' || can([role], need);
        // Sign-in goes without the agent's cookie: signing in again would rotate the agent's session.
        const client = route === 'POST /api/session' ? request(fx.app) : agent;
        const target = (client as unknown as Record<string, (p: string) => request.Test>)[method.toLowerCase()]!(
          path.replace(/:\w+/g, 'x1'),
        );
        const res = await target
          .set('x-csrf-token', csrf)
          .send(route === 'POST /api/session' ? demoCredentials(userOf[role]) : {});
        outcomes.push(`${route} ${allowed ? 'allowed' : 'forbidden'}`);
        if (allowed)
          expect([401, 403, 405], `${route}: ${res.status} ${res.text.slice(0, 120)}`).not.toContain(res.status);
        else expect([route, res.status, res.body.error?.code]).toEqual([route, 403, 'forbidden']);
      }
      // Sign-out last: it ends the session the other checks used.
      const out = await agent.delete('/api/session').set('x-csrf-token', csrf);
      expect(out.status).toBe(204);
      expect(outcomes.filter((o) => o.endsWith('forbidden')).length).toBe(
        Object.values(table).filter((n) => n !== 'anyone' && n !== 'signedIn' && !can([role], n)).length,
      );
    },
  );
});
