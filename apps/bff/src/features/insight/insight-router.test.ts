import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBffFixture, type BffFixture } from '../../testing/bff-fixture';
import { json, recordedToken, startRecordingUpstream, type RecordingUpstream } from '../../testing/recording-upstream';
import { signedInAgent } from '../../testing/signed-in-agent';
import { connectionsPage, dashboardsPage, propertiesRecord, workspacesPage } from '../../testing/upstream-samples';

let up: RecordingUpstream;
let bff: BffFixture;
let operator: Awaited<ReturnType<typeof signedInAgent>>;
let auditor: Awaited<ReturnType<typeof signedInAgent>>;
const props = '/v1/proj-1/authorization/cooperate-authorization/properties';

beforeAll(async () => {
  up = await startRecordingUpstream();
  bff = await startBffFixture(up.url);
  operator = await signedInAgent(bff.app, 'demo-operator');
  auditor = await signedInAgent(bff.app, 'demo-auditor');
});
afterAll(async () => {
  await bff.close();
  await up.close();
});
beforeEach(() => up.clear());

const noSecrets = (res: { headers: object; text: string }) => {
  expect(JSON.stringify(res.headers) + res.text).not.toContain(recordedToken);
};

describe('GET /api/insight/workspaces and /resources', () => {
  it('lists workspaces without X-Workspace-Id', async () => {
    up.on('GET', '/v1/proj-1/instances/inst-1/workspaces', json(200, workspacesPage));
    const res = await operator.agent
      .get('/api/insight/workspaces')
      .set('cookie', 'x=1')
      .set('authorization', 'Bearer browser');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      total: 1,
      items: [{ id: 'ws-default', name: 'Default', description: 'main', is_default: true }],
    });
    const sent = up.last();
    expect(sent.method).toBe('GET');
    expect(sent.query).toEqual({ offset: '0', limit: '1000' });
    expect(sent.headers['x-auth-token']).toBe(recordedToken);
    expect(sent.headers['x-workspace-id']).toBeUndefined();
    expect(sent.headers.cookie).toBeUndefined();
    expect(sent.headers.authorization).toBeUndefined();
    noSecrets(res);
  });

  it('lists dashboards and data sources in one shape, in the header workspace', async () => {
    up.on('GET', '/v1/proj-1/resources/dashboard', json(200, dashboardsPage));
    up.on('GET', '/v1/proj-1/connections', json(200, connectionsPage));
    const dash = await auditor.agent
      .get('/api/insight/resources?type=dashboard&search=Sa&offset=0&limit=20')
      .set('x-workspace-id', 'ws-2');
    expect(dash.status).toBe(200);
    expect(dash.body).toMatchObject({
      total: 1,
      offset: 0,
      limit: 20,
      items: [{ id: 'dash-1', name: 'Sales', resource_type: 'dashboard' }],
    });
    expect(up.last()).toMatchObject({
      path: '/v1/proj-1/resources/dashboard',
      query: { offset: '0', limit: '20', name: 'Sa' },
    });
    expect(up.last().headers['x-workspace-id']).toBe('ws-2');

    const conn = await auditor.agent.get('/api/insight/resources?type=datasource');
    expect(conn.body.items[0]).toEqual({
      id: 'conn-1',
      name: 'warehouse',
      resource_type: 'datasource',
      create_user_name: 'demo-admin',
      create_date: 1_690_000_000_000,
      update_user_name: 'demo-operator',
      update_date: 1_700_000_000_000,
    });
    expect(up.last().headers['x-workspace-id']).toBe('ws-default');
  });

  it('names the bad field', async () => {
    const bad = await operator.agent.get('/api/insight/resources?type=portal');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'validation_failed', field: 'type' });
    const limit = await operator.agent.get('/api/insight/resources?type=dashboard&limit=100000');
    expect(limit.body.error.field).toBe('limit');
    const ws = await operator.agent.get('/api/insight/resources?type=dashboard').set('x-workspace-id', '../x');
    expect(ws.body.error.field).toBe('x-workspace-id');
    expect(up.requests).toHaveLength(0);
  });
});

describe('permissions', () => {
  it('reads with the exact upstream request', async () => {
    up.on('GET', props, json(200, propertiesRecord({ read: true })));
    const res = await auditor.agent.get('/api/insight/permissions?resource_type=dashboard&resource_id=dash-1');
    expect(res.status).toBe(200);
    expect(res.body.auth_switch_config).toEqual({ read: true });
    expect(up.last()).toMatchObject({
      method: 'GET',
      path: props,
      query: { resource_id: 'dash-1', resource_type: 'dashboard' },
    });
    expect(up.last().headers).toMatchObject({ 'x-auth-token': recordedToken, 'x-workspace-id': 'ws-default' });
  });

  it('saves: CSRF required, exact body, activity with before and after', async () => {
    up.on('GET', props, json(200, propertiesRecord({ read: true })));
    up.on('POST', props, (req, res) =>
      json(200, propertiesRecord(JSON.parse(req.body).auth_switch_config, 1_800_000_000_000))(
        req,
        res,
        undefined as never,
      ),
    );
    const body = {
      resource_type: 'dashboard',
      resource_id: 'dash-1',
      auth_switch_config: { read: true, export: true },
    };
    const noCsrf = await operator.agent.put('/api/insight/permissions').send(body);
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.error.code).toBe('csrf_failed');
    expect(up.requests).toHaveLength(0);

    const res = await operator.agent.put('/api/insight/permissions').set('x-csrf-token', operator.csrf).send(body);
    expect(res.status).toBe(200);
    expect(res.body.auth_switch_config).toEqual({ read: true, export: true });
    const post = up.last();
    expect(post.method).toBe('POST');
    expect(post.headers['content-type']).toBe('application/json;charset=UTF-8');
    expect(JSON.parse(post.body)).toEqual(body);
    const log = await operator.agent.get('/api/activity?operation=permissions.save');
    expect(log.body.items[0]).toMatchObject({
      user: 'demo-operator',
      target: 'dashboard:dash-1',
      outcome: 'success',
      before: { read: true },
      after: { read: true, export: true },
      request_id: res.headers['x-request-id'],
    });
  });

  it('answers 409 with the current record when it changed since it was loaded', async () => {
    up.on('GET', props, json(200, propertiesRecord({ read: true }, 5)));
    const res = await operator.agent
      .put('/api/insight/permissions')
      .set('x-csrf-token', operator.csrf)
      .send({ resource_type: 'dashboard', resource_id: 'dash-1', auth_switch_config: {}, expected_update_date: 4 });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'conflict', current: { update_date: 5 } });
    expect(up.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('refuses unknown switches and auditors', async () => {
    const unknown = await operator.agent
      .put('/api/insight/permissions')
      .set('x-csrf-token', operator.csrf)
      .send({ resource_type: 'datasource', resource_id: 'c', auth_switch_config: { read: true } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.field).toBe('auth_switch_config.read');
    const forbidden = await auditor.agent
      .put('/api/insight/permissions')
      .set('x-csrf-token', auditor.csrf)
      .send({ resource_type: 'dashboard', resource_id: 'd', auth_switch_config: {} });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('forbidden');
    expect(up.requests).toHaveLength(0);
  });

  it('refuses a foreign Origin on a state change even with the right CSRF token', async () => {
    const res = await operator.agent
      .put('/api/insight/permissions')
      .set('x-csrf-token', operator.csrf)
      .set('origin', 'https://evil.example')
      .send({ resource_type: 'dashboard', resource_id: 'd', auth_switch_config: {} });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('origin_rejected');
  });
});
