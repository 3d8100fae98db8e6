import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { assetJobIdResponseSchema, assetJobSchema, romaErrorSchema } from '@portico/api-types/upstream';
import { buildAssetPackage } from '../testing/asset-package';
import { assetReasonCodes } from './plan-import';
import { romaHarness } from './testing/roma-harness';

type Harness = ReturnType<typeof romaHarness>;

async function startImport(
  h: Harness,
  pkg: Parameters<typeof buildAssetPackage>[0],
  query: Record<string, string> = {},
) {
  const res = await h.upload(buildAssetPackage(pkg), { query });
  expect(res.status).toBe(200);
  return assetJobIdResponseSchema.parse(res.body).job_id;
}

async function job(h: Harness, id: string) {
  const res = await request(h.app).get(h.paths.job(id));
  expect(res.status).toBe(200);
  return assetJobSchema.parse(res.body);
}

describe('asset jobs', () => {
  it('runs 0..1 over assetJobDurationMs, then SUCCEEDED, storing the prefixed applications', async () => {
    const h = romaHarness(10_000);
    const id = await startImport(
      h,
      {
        asset_version: '1.0',
        applications: [{ name: 'order-sync', description: 'copy' }],
        tasks: [{ name: 'copy-orders', application: 'order-sync', datasources: ['new-db'] }],
      },
      { prefix: 'dev_' },
    );
    const first = await job(h, id);
    expect(first).toMatchObject({ id, type: 'importAsset', status: 'RUNNING', progress_percent: 0 });
    expect(first.end_time).toBeUndefined();
    h.ctx.clock.now += 5_000;
    expect((await job(h, id)).progress_percent).toBeCloseTo(0.5);
    expect(h.instance().applications.some((a) => a.name === 'dev_order-sync')).toBe(false);
    h.finishJobs();
    const done = await job(h, id);
    expect(done).toMatchObject({ status: 'SUCCEEDED', progress_percent: 1 });
    expect(Date.parse(done.end_time ?? '')).toBeGreaterThan(Date.parse(done.begin_time));
    expect(done.reasons).toBeUndefined();
    const task = h.instance().tasks.find((t) => t.name === 'copy-orders');
    expect(h.instance().applications.find((a) => a.name === 'dev_order-sync')?.description).toBe('copy');
    expect(task?.application).toBe('dev_order-sync');
  });

  it('FAILS under AddNew when an application name collides, with reasons, storing nothing', async () => {
    const h = romaHarness();
    const before = h.instance().applications.length;
    const id = await startImport(h, {
      asset_version: '1.0',
      applications: [{ name: 'order-sync' }, { name: 'fresh' }],
      tasks: [],
    });
    h.finishJobs();
    const failed = await job(h, id);
    expect(failed.status).toBe('FAILED');
    expect(failed.reasons).toEqual([
      expect.objectContaining({
        resource_type: 'application',
        resource_name: 'order-sync',
        error_code: assetReasonCodes.nameExists,
      }),
    ]);
    expect(h.instance().applications).toHaveLength(before);
  });

  it('FAILS when a task names an existing data source and datasource_overwrite=false', async () => {
    const h = romaHarness();
    const pkg = { asset_version: '1.0', applications: [], tasks: [{ name: 'new-task', datasources: ['shop-mysql'] }] };
    const id = await startImport(h, pkg);
    h.finishJobs();
    expect((await job(h, id)).reasons?.[0]).toMatchObject({
      resource_type: 'task',
      resource_name: 'new-task',
      error_code: assetReasonCodes.datasourceExists,
    });
    const again = await startImport(h, pkg, { datasource_overwrite: 'true' });
    h.finishJobs();
    expect((await job(h, again)).status).toBe('SUCCEEDED');
  });

  it('Merge updates the same-named application instead of failing', async () => {
    const h = romaHarness();
    const original = h.instance().applications.find((a) => a.name === 'order-sync');
    const id = await startImport(
      h,
      { asset_version: '1.0', applications: [{ name: 'order-sync', description: 'merged' }], tasks: [] },
      { type: 'Merge' },
    );
    h.finishJobs();
    expect((await job(h, id)).status).toBe('SUCCEEDED');
    const apps = h.instance().applications.filter((a) => a.name === 'order-sync');
    expect(apps).toEqual([{ id: original?.id, name: 'order-sync', description: 'merged' }]);
  });

  it("answers 404 in ROMA's shape for an unknown job", async () => {
    const h = romaHarness();
    const res = await request(h.app).get(h.paths.job('ffffffffffffffffffffffffffffffff'));
    expect(res.status).toBe(404);
    expect(romaErrorSchema.parse(res.body).error_code).toMatch(/^ROMA\./);
  });

  it('survives a save and load of its state mid-job', async () => {
    const h = romaHarness();
    const id = await startImport(h, { asset_version: '1.0', applications: [{ name: 'persisted' }], tasks: [] });
    const { romaService } = await import('./index');
    const reloaded = romaService.load(JSON.parse(JSON.stringify(h.state)));
    expect(reloaded.instances[Object.keys(h.state.instances)[0] ?? '']?.jobs.map((j) => j.id)).toEqual([id]);
  });
});
