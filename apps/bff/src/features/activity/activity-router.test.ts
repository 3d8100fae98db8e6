import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBffFixture, type BffFixture } from '../../testing/bff-fixture';
import { listen } from '../../testing/listen';
import { multipartFile, testBoundary } from '../../testing/multipart';
import { startRecordingUpstream, type RecordingUpstream } from '../../testing/recording-upstream';
import { signedInAgent } from '../../testing/signed-in-agent';

let up: RecordingUpstream;
let bff: BffFixture;
const web = mkdtempSync(join(tmpdir(), 'portico-web-'));
writeFileSync(join(web, 'index.html'), '<!doctype html><title>Portico</title>');
writeFileSync(join(web, 'app.js'), 'console.warn(1)');

beforeAll(async () => {
  up = await startRecordingUpstream();
  bff = await startBffFixture(up.url, { WEB_DIST_DIR: web });
});
afterAll(async () => {
  await bff.close();
  await up.close();
});

describe('activity', () => {
  it('lists sign-in and sign-out with filters, paging and CSV', async () => {
    const op = await signedInAgent(bff.app, 'demo-operator', 'right-password');
    const auditor = await signedInAgent(bff.app, 'demo-auditor');
    await op.agent.delete('/api/session').set('x-csrf-token', op.csrf);
    const page = await auditor.agent.get('/api/activity?user=demo-operator&limit=1');
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      total: 2,
      offset: 0,
      limit: 1,
      items: [{ operation: 'session.sign_out', user: 'demo-operator' }],
    });
    const bad = await auditor.agent.get('/api/activity?from=yesterday');
    expect(bad.body.error.field).toBe('from');
    const csv = await auditor.agent.get('/api/activity.csv?user=demo-operator');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/activity\.csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('session.sign_out');
    expect((await request(bff.app).get('/api/activity')).status).toBe(401);
  });

  it('marks the cookie Secure when served over https', async () => {
    const https = await startBffFixture(up.url, { PUBLIC_ORIGIN: 'https://portico.example' });
    try {
      const res = await request(https.app)
        .post('/api/session')
        .send({ domain: 'd', username: 'demo-admin', password: 'right-password' });
      expect(String(res.headers['set-cookie'])).toMatch(/; Secure/);
    } finally {
      await https.close();
    }
  });
});

describe('web app', () => {
  it('serves static files and falls back to index.html outside /api', async () => {
    expect((await request(bff.app).get('/app.js')).text).toContain('console.warn');
    const deep = await request(bff.app).get('/activity/some/route');
    expect(deep.status).toBe(200);
    expect(deep.text).toContain('<title>Portico</title>');
    expect((await request(bff.app).get('/api/nope')).status).toBe(401);
    const { agent } = await signedInAgent(bff.app, 'demo-admin');
    const api = await agent.get('/api/nope');
    expect(api.status).toBe(404);
    expect(api.body.error.code).toBe('not_found');
  });
});

describe('import cancelled by the browser', () => {
  it('aborts the upstream request', async () => {
    const op = await signedInAgent(bff.app, 'demo-operator');
    let upstreamClosed!: () => void;
    const closed = new Promise<void>((r) => (upstreamClosed = r));
    up.on(
      'POST',
      '/v2/proj-1/instances/roma-1/assets/import',
      (_req, _res, raw) => {
        raw.resume();
        raw.on('close', () => upstreamClosed());
      },
      { early: true },
    );
    const server = await listen(bff.app);
    try {
      const req = http.request(`${server.url}/api/roma/assets/import`, {
        method: 'POST',
        headers: { ...op.headers, 'content-type': `multipart/form-data; boundary=${testBoundary}` },
      });
      req.on('error', () => undefined);
      const body = multipartFile({ size: 50 * 1024 * 1024 });
      body.pipe(req);
      // Cancel once the upload is under way upstream.
      await new Promise((r) => setTimeout(r, 300));
      body.unpipe(req);
      req.destroy();
      await closed;
      expect(up.last().path).toBe('/v2/proj-1/instances/roma-1/assets/import');
    } finally {
      await server.close();
    }
  });
});
