import request from 'supertest';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { assetJobIdResponseSchema, assetJobSchema, assetManifestSchema } from '@portico/api-types/upstream';
import { listen } from './testing/service-harness';
import { romaHarness } from './testing/roma-harness';

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const parts: Buffer[] = [];
  res.on('data', (c: Buffer) => parts.push(c));
  res.on('end', () => cb(null, Buffer.concat(parts)));
};

describe('asset export and archive download', () => {
  it('exports to a ZIP with manifest.json that downloads once and imports back', async () => {
    const h = romaHarness();
    const app = h.instance().applications[0];
    const task = h.instance().tasks[0];
    const started = await request(h.app)
      .post(h.paths.export)
      .send({ apps: [{ id: app?.id }], tasks: [{ id: task?.id }] });
    expect(started.status).toBe(200);
    const jobId = assetJobIdResponseSchema.parse(started.body).job_id;
    expect((await request(h.app).get(h.paths.job(jobId))).body.status).toBe('RUNNING');
    h.finishJobs();
    const done = assetJobSchema.parse((await request(h.app).get(h.paths.job(jobId))).body);
    expect(done).toMatchObject({ type: 'exportAsset', status: 'SUCCEEDED' });
    const archiveId = done.archive_id ?? '';

    const download = await request(h.app).get(h.paths.archive(archiveId)).buffer(true).parse(binary);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/zip');
    const files = unzipSync(new Uint8Array(download.body as Buffer));
    const manifest = assetManifestSchema.parse(JSON.parse(strFromU8(files['manifest.json'] ?? new Uint8Array())));
    expect(manifest.applications.map((a) => a.name)).toEqual([app?.name]);
    expect(manifest.tasks.map((t) => t.name)).toEqual([task?.name]);

    const second = await request(h.app).get(h.paths.archive(archiveId));
    expect(second.status).toBe(404);
    expect(second.body.error_code).toMatch(/^ROMA\./);

    const reimport = await h.upload(new Uint8Array(download.body as Buffer), {
      query: { type: 'Merge', datasource_overwrite: 'true' },
    });
    expect(reimport.status).toBe(200);
    h.finishJobs();
    expect((await request(h.app).get(h.paths.job(reimport.body.job_id))).body.status).toBe('SUCCEEDED');
  });

  it('fails the job with reasons for unknown ids, and refuses an empty or malformed request', async () => {
    const h = romaHarness();
    const started = await request(h.app)
      .post(h.paths.export)
      .send({ apps: [{ id: 'missing' }] });
    h.finishJobs();
    const failed = assetJobSchema.parse((await request(h.app).get(h.paths.job(started.body.job_id))).body);
    expect(failed.status).toBe('FAILED');
    expect(failed.reasons?.[0]).toMatchObject({ resource_type: 'application', resource_name: 'missing' });
    expect(failed.archive_id).toBeUndefined();
    const empty = await request(h.app).post(h.paths.export).send({ apps: [], tasks: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.error_code).toBe('ROMA.13000');
    const malformed = await request(h.app)
      .post(h.paths.export)
      .set('content-type', 'application/json')
      .send('{"apps": [');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error_code).toBe('ROMA.13000');
  });

  it('refuses an export while an import of the same user runs (ROMA.10012)', async () => {
    const h = romaHarness();
    const { buildAssetPackage } = await import('../testing/asset-package');
    expect(
      (await h.upload(buildAssetPackage({ asset_version: '1', applications: [{ name: 'z' }], tasks: [] }))).status,
    ).toBe(200);
    const res = await request(h.app)
      .post(h.paths.export)
      .send({ apps: [{ id: h.instance().applications[0]?.id }] });
    expect(res.status).toBe(400);
    expect(res.body.error_code).toBe('ROMA.10012');
  });

  it('pads the archive to largeFileBytes and it still unzips', async () => {
    const h = romaHarness();
    h.ctx.faultConfig.largeFileBytes = 2 * 1024 * 1024;
    const started = await request(h.app)
      .post(h.paths.export)
      .send({ tasks: [{ id: h.instance().tasks[0]?.id }] });
    h.finishJobs();
    const archiveId = (await request(h.app).get(h.paths.job(started.body.job_id))).body.archive_id as string;
    const download = await request(h.app).get(h.paths.archive(archiveId)).buffer(true).parse(binary);
    const bytes = new Uint8Array(download.body as Buffer);
    expect(bytes.length).toBeGreaterThan(2 * 1024 * 1024 - 4096);
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024 + 4096);
    expect(Object.keys(unzipSync(bytes))).toContain('manifest.json');
  });

  it('cuts the download after cutStreamAfterBytes, and the archive is spent all the same', async () => {
    const h = romaHarness();
    h.ctx.faultConfig.largeFileBytes = 1024 * 1024;
    h.ctx.faultConfig.cutStreamAfterBytes = 50_000;
    const started = await request(h.app)
      .post(h.paths.export)
      .send({ tasks: [{ id: h.instance().tasks[0]?.id }] });
    h.finishJobs();
    const archiveId = (await request(h.app).get(h.paths.job(started.body.job_id))).body.archive_id as string;
    const { server, url } = await listen(h.app);
    try {
      const res = await fetch(`${url}${h.paths.archive(archiveId)}`);
      expect(res.status).toBe(200);
      await expect(res.arrayBuffer()).rejects.toThrow();
      expect((await fetch(`${url}${h.paths.archive(archiveId)}`)).status).toBe(404);
    } finally {
      await new Promise<void>((done) => server.close(() => done()));
    }
  });
});
