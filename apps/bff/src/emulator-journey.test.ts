import { strToU8, zipSync } from 'fflate';
import request from 'supertest';
import { assetManifestFileName } from '@portico/api-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCredentials, startEmulatorFixture } from './testing/emulator-fixture';

let fx: Awaited<ReturnType<typeof startEmulatorFixture>>;

beforeAll(async () => {
  fx = await startEmulatorFixture();
});
afterAll(async () => {
  await fx.close();
});

async function signIn(user: 'admin' | 'operator' | 'auditor') {
  const agent = request.agent(fx.app);
  const res = await agent.post('/api/session').send(demoCredentials(user));
  expect(res.status).toBe(201);
  return { agent, csrf: res.body.csrf_token as string, body: res.body, raw: JSON.stringify(res.headers) + res.text };
}

describe('BFF against the emulator', () => {
  it('signs the seeded users in with their roles and keeps the token server-side', async () => {
    const admin = await signIn('admin');
    expect(admin.body.roles).toEqual(['admin']);
    expect((await signIn('operator')).body.roles).toEqual(['operator']);
    expect((await signIn('auditor')).body.roles).toEqual(['auditor']);
    const [row] = await fx.testDb.db.query<{ token: string }>('SELECT token FROM sessions LIMIT 1');
    expect(row?.token.length).toBeGreaterThan(10);
    expect(admin.raw).not.toContain(row!.token);
  });

  it('refuses a wrong password', async () => {
    const res = await request(fx.app)
      .post('/api/session')
      .send({ ...demoCredentials('admin'), password: 'nope' });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('invalid_credentials');
  });

  it('lists workspaces and resources, reads and saves permissions, exports a package', async () => {
    const op = await signIn('operator');
    const ws = await op.agent.get('/api/insight/workspaces');
    expect(ws.status).toBe(200);
    expect(ws.body.items.length).toBeGreaterThan(0);

    const list = await op.agent.get('/api/insight/resources?type=dashboard&limit=5');
    expect(list.status).toBe(200);
    const first = list.body.items[0];
    expect(first).toMatchObject({ resource_type: 'dashboard' });

    const ref = `resource_type=dashboard&resource_id=${encodeURIComponent(first.id)}`;
    const before = await op.agent.get(`/api/insight/permissions?${ref}`);
    expect(before.status).toBe(200);

    const saved = await op.agent
      .put('/api/insight/permissions')
      .set('x-csrf-token', op.csrf)
      .send({ resource_type: 'dashboard', resource_id: first.id, auth_switch_config: { read: true, export: true } });
    expect(saved.status).toBe(200);
    expect(saved.body.auth_switch_config).toMatchObject({ read: true, export: true });

    const exported = await op.agent
      .post('/api/insight/resource-packages/export')
      .set('x-csrf-token', op.csrf)
      .send({ name: 'journey', resources: [{ resource_type: 'dashboard', resource_id: first.id }] })
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(exported.status).toBe(200);
    expect((exported.body as Buffer).subarray(0, 2).toString('latin1')).toBe('PK');
    expect(exported.headers['content-disposition']).toMatch(/^attachment; filename="/);

    const activity = await op.agent.get('/api/activity?user=demo-operator');
    expect(activity.body.items.map((e: { operation: string }) => e.operation)).toEqual(
      expect.arrayContaining(['session.sign_in', 'permissions.save', 'resource_package.export']),
    );
  });

  it('relays an Insight 404 for an unknown resource', async () => {
    const op = await signIn('operator');
    const res = await op.agent.get('/api/insight/permissions?resource_type=dashboard&resource_id=does-not-exist');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.error.upstream.service).toBe('insight');
  });

  it('lists and exports SecMaster workflows', async () => {
    const op = await signIn('operator');
    const list = await op.agent.get('/api/secmaster/workflows?limit=5');
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    const id = list.body.items[0].id as string;
    const file = await op.agent
      .post('/api/secmaster/workflows/export')
      .set('x-csrf-token', op.csrf)
      .send({ id: [id] });
    expect(file.status).toBe(200);
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="/);
    const bad = await op.agent
      .post('/api/secmaster/workflows/export')
      .set('x-csrf-token', op.csrf)
      .send({ id: ['no-such-workflow'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.upstream).toMatchObject({ service: 'secmaster', status: 400 });
  });

  it('imports an asset package into ROMA and follows its job', async () => {
    const op = await signIn('operator');
    const manifest = { asset_version: '1', applications: [{ name: 'journey-app' }], tasks: [] };
    const zip = Buffer.from(zipSync({ [assetManifestFileName]: strToU8(JSON.stringify(manifest)) }));
    const res = await op.agent
      .post('/api/roma/assets/import?type=AddNew&prefix=j_')
      .set('x-csrf-token', op.csrf)
      .attach('ImportAssetRequestBody', zip, { filename: 'journey.zip', contentType: 'application/zip' });
    expect(res.status).toBe(200);
    expect(res.body.job_id).toEqual(expect.any(String));
    const job = await op.agent.get(`/api/roma/assets/jobs/${res.body.job_id}`);
    expect(job.status).toBe(200);
    expect(job.body).toMatchObject({ id: res.body.job_id, type: 'importAsset' });
  });
});
