import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBffFixture, type BffFixture } from './testing/bff-fixture';
import {
  json,
  recordedToken,
  startRecordingUpstream,
  type RecordingUpstream,
  type UpstreamHandler,
} from './testing/recording-upstream';
import { signedInAgent } from './testing/signed-in-agent';
import { assetJob, dashboardsPage, propertiesRecord, workflowsPage, workspacesPage } from './testing/upstream-samples';

let up: RecordingUpstream;
let bff: BffFixture;
let admin: Awaited<ReturnType<typeof signedInAgent>>;
let auditor: Awaited<ReturnType<typeof signedInAgent>>;
const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 9, 9]);
// Every canned answer also tries to leak the token and a cookie back through headers.
const leaky = { 'x-subject-token': recordedToken, 'x-auth-token': recordedToken, 'set-cookie': `t=${recordedToken}` };
const file: UpstreamHandler = (_req, res) => {
  res.writeHead(200, {
    'content-type': 'application/zip',
    'content-disposition': 'attachment; filename=f.zip',
    ...leaky,
  });
  res.end(zip);
};

beforeAll(async () => {
  up = await startRecordingUpstream();
  up.on('GET', '/v1/proj-1/instances/inst-1/workspaces', json(200, workspacesPage, leaky))
    .on('GET', '/v1/proj-1/resources/dashboard', json(200, dashboardsPage, leaky))
    .on(
      'GET',
      '/v1/proj-1/authorization/cooperate-authorization/properties',
      json(200, propertiesRecord({ read: true }), leaky),
    )
    .on(
      'POST',
      '/v1/proj-1/authorization/cooperate-authorization/properties',
      json(200, propertiesRecord({ read: true }), leaky),
    )
    .on('POST', '/v1/proj-1/resource-package/export', file)
    .on('GET', '/v1/proj-1/workspaces/sm-ws-1/soc/workflows', json(200, workflowsPage, leaky))
    .on('POST', '/v1/proj-1/workspaces/sm-ws-1/soc/workflows/export', file)
    .on('POST', '/v2/proj-1/instances/roma-1/assets/import', json(200, { job_id: 'j1' }, leaky))
    .on('GET', '/v2/proj-1/instances/roma-1/assets/jobs/j1', json(200, assetJob, leaky));
  bff = await startBffFixture(up.url);
  admin = await signedInAgent(bff.app, 'demo-admin');
  auditor = await signedInAgent(bff.app, 'demo-auditor');
});
afterAll(async () => {
  await bff.close();
  await up.close();
});

type Agent = typeof admin;
const routes: {
  name: string;
  capability: 'operations' | 'read';
  call: (a: Agent) => PromiseLike<{ status: number; headers: object; text?: string; body: unknown }>;
}[] = [
  { name: 'workspaces', capability: 'read', call: (a) => a.agent.get('/api/insight/workspaces') },
  { name: 'resources', capability: 'read', call: (a) => a.agent.get('/api/insight/resources?type=dashboard') },
  {
    name: 'read permissions',
    capability: 'read',
    call: (a) => a.agent.get('/api/insight/permissions?resource_type=dashboard&resource_id=d'),
  },
  {
    name: 'save permissions',
    capability: 'operations',
    call: (a) =>
      a.agent
        .put('/api/insight/permissions')
        .set('x-csrf-token', a.csrf)
        .send({ resource_type: 'dashboard', resource_id: 'd', auth_switch_config: { read: true } }),
  },
  {
    name: 'export package',
    capability: 'operations',
    call: (a) =>
      a.agent
        .post('/api/insight/resource-packages/export')
        .set('x-csrf-token', a.csrf)
        .send({ name: 'n', resources: [{ resource_type: 'dashboard', resource_id: 'd' }] }),
  },
  { name: 'workflows', capability: 'operations', call: (a) => a.agent.get('/api/secmaster/workflows') },
  {
    name: 'export workflows',
    capability: 'operations',
    call: (a) =>
      a.agent
        .post('/api/secmaster/workflows/export')
        .set('x-csrf-token', a.csrf)
        .send({ id: ['w'] }),
  },
  {
    name: 'import assets',
    capability: 'operations',
    call: (a) =>
      a.agent
        .post('/api/roma/assets/import')
        .set('x-csrf-token', a.csrf)
        .attach('ImportAssetRequestBody', zip, { filename: 'a.zip' }),
  },
  { name: 'asset job', capability: 'operations', call: (a) => a.agent.get('/api/roma/assets/jobs/j1') },
  { name: 'session', capability: 'read', call: (a) => a.agent.get('/api/session') },
  { name: 'activity', capability: 'read', call: (a) => a.agent.get('/api/activity') },
  { name: 'activity csv', capability: 'read', call: (a) => a.agent.get('/api/activity.csv') },
];

describe.each(routes)('$name', ({ call, capability }) => {
  it('never answers the IAM token or an upstream cookie', async () => {
    const res = await call(admin);
    expect(res.status).toBe(200);
    const everything = JSON.stringify(res.headers) + (res.text ?? '') + JSON.stringify(res.body ?? '');
    expect(everything).not.toContain(recordedToken);
    expect((res.headers as Record<string, unknown>)['set-cookie']).toBeUndefined();
  });

  it('enforces roles in the BFF', async () => {
    const res = await call(auditor);
    expect(res.status).toBe(capability === 'read' ? 200 : 403);
  });
});
