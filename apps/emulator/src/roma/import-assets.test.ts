import request from 'supertest';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { assetJobIdResponseSchema, importAssetFileField, romaErrorSchema } from '@portico/api-types/upstream';
import { buildAssetPackage } from '../testing/asset-package';
import { romaHarness } from './testing/roma-harness';

const small = () =>
  buildAssetPackage({
    asset_version: '1.0',
    applications: [{ name: 'billing' }],
    tasks: [{ name: 'invoices-to-erp', application: 'billing', datasources: ['billing-db'] }],
  });

const expectRefusal = (res: request.Response, code: string) => {
  expect(res.status).toBe(400);
  const body = romaErrorSchema.parse(res.body);
  expect(body.error_code).toBe(code);
  expect(body.request_id).toMatch(/^[0-9a-f]{32}$/);
  return body;
};

describe('POST …/assets/import', () => {
  it('answers a 32-hex job id once the package was read', async () => {
    const h = romaHarness();
    const res = await h.upload(small());
    expect(res.status).toBe(200);
    expect(assetJobIdResponseSchema.parse(res.body).job_id).toMatch(/^[0-9a-f]{32}$/);
    expect(h.ctx.dirtyCount()).toBeGreaterThan(0);
  });

  it('refuses a request without a body or without the file field (ROMA.13001)', async () => {
    const h = romaHarness();
    expectRefusal(await request(h.app).post(h.paths.import), 'ROMA.13001');
    const other = await request(h.app).post(h.paths.import).attach('file', Buffer.from(small()), 'assets.zip');
    expectRefusal(other, 'ROMA.13001');
    const fieldOnly = await request(h.app).post(h.paths.import).field(importAssetFileField, 'text');
    expectRefusal(fieldOnly, 'ROMA.13001');
  });

  it.each<Record<string, string>>([{ type: 'Replace' }, { datasource_overwrite: 'yes' }, { prefix: 'bad prefix!' }])(
    'refuses bad query values %o (ROMA.13000)',
    async (query) => {
      expectRefusal(await romaHarness().upload(small(), { query }), 'ROMA.13000');
    },
  );

  it.each(['assets.tar', '_assets.zip', 'my assets.zip', 'assets.zip.exe'])(
    'refuses the file name %s (ROMA.10013)',
    async (filename) => {
      expectRefusal(await romaHarness().upload(small(), { filename }), 'ROMA.10013');
    },
  );

  it('refuses a file that is not a ZIP (ROMA.10011)', async () => {
    const body = expectRefusal(await romaHarness().upload(strToU8('just some text, not a zip')), 'ROMA.10011');
    expect(body.error_details).toContain('not a ZIP');
  });

  it('refuses a corrupt ZIP (ROMA.10011)', async () => {
    const zip = buildAssetPackage({
      asset_version: '1',
      applications: [{ name: 'a' }],
      tasks: [],
      extraFiles: { 'big.txt': 'x'.repeat(50_000) },
    });
    const truncated = zip.slice(0, Math.floor(zip.length / 2));
    expectRefusal(await romaHarness().upload(truncated), 'ROMA.10011');
    const garbled = zip.slice();
    for (let k = 60; k < garbled.length - 200; k += 7) garbled[k] = (garbled[k] ?? 0) ^ 0xa5;
    expectRefusal(await romaHarness().upload(garbled), 'ROMA.10011');
  });

  it('refuses a ZIP without a valid manifest.json (ROMA.10011)', async () => {
    const h = romaHarness();
    expectRefusal(await h.upload(zipSync({ 'readme.txt': strToU8('hi') })), 'ROMA.10011');
    expectRefusal(await h.upload(zipSync({ 'manifest.json': strToU8('{not json') })), 'ROMA.10011');
    expectRefusal(await h.upload(zipSync({ 'manifest.json': strToU8('{"applications": []}') })), 'ROMA.10011');
  });

  it('refuses more than 100 applications and tasks, naming the limit (ROMA.13000)', async () => {
    const zip = buildAssetPackage({
      asset_version: '1.0',
      applications: Array.from({ length: 51 }, (_, n) => ({ name: `app-${n}` })),
      tasks: Array.from({ length: 50 }, (_, n) => ({ name: `task-${n}` })),
    });
    const body = expectRefusal(await romaHarness().upload(zip), 'ROMA.13000');
    expect(body.error_details).toContain('100');
    expect(body.error_details).toContain('101');
  });

  it('accepts exactly 100 assets', async () => {
    const zip = buildAssetPackage({
      asset_version: '1.0',
      applications: Array.from({ length: 50 }, (_, n) => ({ name: `app-${n}` })),
      tasks: Array.from({ length: 50 }, (_, n) => ({ name: `task-${n}` })),
    });
    expect((await romaHarness().upload(zip)).status).toBe(200);
  });

  it("refuses a second job of the same user while one is RUNNING (ROMA.10012), not another user's", async () => {
    const h = romaHarness();
    expect((await h.upload(small())).status).toBe(200);
    expectRefusal(await h.upload(small()), 'ROMA.10012');
    expect((await h.upload(small(), { user: 'u0000000000000000000000000000002' })).status).toBe(200);
    h.finishJobs();
    expect((await h.upload(small(), { query: { type: 'Merge', datasource_overwrite: 'true' } })).status).toBe(200);
  });

  it('refuses a project that is not the token project and an unknown instance', async () => {
    const h = romaHarness();
    const wrongProject = await request(h.app)
      .post(h.paths.import.replace(/^\/v2\/[^/]+/, '/v2/other'))
      .attach(importAssetFileField, Buffer.from(small()), 'a.zip');
    expect(wrongProject.status).toBe(403);
    expect(wrongProject.body.error_code).toBe('ROMA.1006');
    const unknown = await request(h.app)
      .post(h.paths.import.replace(/instances\/[^/]+/, 'instances/nope'))
      .attach(importAssetFileField, Buffer.from(small()), 'a.zip');
    expect(unknown.status).toBe(404);
    expect(romaErrorSchema.safeParse(unknown.body).success).toBe(true);
  });
});
