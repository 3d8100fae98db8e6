import request from 'supertest';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { listDashboardsResponseSchema, listDatasetsResponseSchema } from '@portico/api-types/upstream';
import { demo } from '../demo';
import { binaryParser } from '../testing/binary-parser';
import { emulatorWithToken, insightHeaders } from '../testing/emulator-harness';

const path = `/v1/${demo.projectId}/resource-package/export`;
let emu: Awaited<ReturnType<typeof emulatorWithToken>>;
let datasetId: string;
let dashboardId: string;
beforeAll(async () => {
  emu = await emulatorWithToken({ seedResources: 60 });
  const h = insightHeaders(emu.token);
  datasetId =
    listDatasetsResponseSchema.parse((await request(emu.app).get(`/v1/${demo.projectId}/datasets?limit=1`).set(h)).body)
      .page_data[0]?.id ?? '';
  dashboardId =
    listDashboardsResponseSchema.parse(
      (await request(emu.app).get(`/v1/${demo.projectId}/resources/dashboard?limit=1`).set(h)).body,
    ).page_data[0]?.id ?? '';
});
const exportPackage = (body: unknown) =>
  request(emu.app)
    .post(path)
    .set(insightHeaders(emu.token))
    .send(body as object)
    .buffer(true)
    .parse(binaryParser);

describe('POST resource-package/export', () => {
  it('streams a ZIP with a manifest and one definition per resource, without tag permissions by default', async () => {
    const res = await exportPackage({
      name: 'Quarterly package',
      resources: [
        { resource_type: 'dataset', resource_id: datasetId },
        { resource_type: 'dashboard', resource_id: dashboardId },
      ],
    }).expect(200);
    expect(res.get('content-type')).toBe('application/octet-stream');
    expect(res.get('content-disposition')).toBe('attachment; filename="Quarterly package.zip"');
    const files = unzipSync(new Uint8Array(res.body as Buffer));
    expect(Object.keys(files).sort()).toEqual(
      ['dashboard/' + dashboardId + '.json', 'dataset/' + datasetId + '.json', 'manifest.json'].sort(),
    );
    const manifest = JSON.parse(strFromU8(files['manifest.json'] as Uint8Array)) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      name: 'Quarterly package',
      project_id: demo.projectId,
      workspace_id: demo.insightWorkspaceId,
      export_dataset_tag_permission: false,
    });
    const dataset = JSON.parse(strFromU8(files[`dataset/${datasetId}.json`] as Uint8Array)) as Record<string, unknown>;
    expect(dataset).not.toHaveProperty('tag_permissions');
    expect(dataset).not.toHaveProperty('row_permissions');
  });

  it('includes row and tag permissions when asked, and names non-ASCII files with filename*', async () => {
    const res = await exportPackage({
      name: '季度 package',
      export_param: { export_dataset_tag_permission: true },
      resources: [{ resource_type: 'dataset', resource_id: datasetId }],
    }).expect(200);
    expect(res.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('季度 package.zip')}`);
    const files = unzipSync(new Uint8Array(res.body as Buffer));
    const dataset = JSON.parse(strFromU8(files[`dataset/${datasetId}.json`] as Uint8Array)) as Record<string, unknown>;
    expect(dataset).toHaveProperty('tag_permissions');
    expect(dataset).toHaveProperty('row_permissions');
  });

  it('refuses portal, an empty list, a missing name and unknown resources', async () => {
    await exportPackage({
      name: 'x',
      resources: [{ resource_type: 'portal', resource_id: demo.insightUnlistedResources.portal }],
    }).expect(400);
    await exportPackage({ name: 'x', resources: [] }).expect(400);
    await exportPackage({ resources: [{ resource_type: 'dataset', resource_id: datasetId }] }).expect(400);
    const missing = await exportPackage({
      name: 'x',
      resources: [{ resource_type: 'dataset', resource_id: 'nope' }],
    }).expect(404);
    expect(JSON.parse(String(missing.body))).toMatchObject({ error_code: '24010003' });
  });

  it('pads to largeFileBytes while streaming', async () => {
    emu.setFaults({ largeFileBytes: 3_000_000 });
    try {
      const res = await exportPackage({
        name: 'big',
        resources: [{ resource_type: 'dataset', resource_id: datasetId }],
      }).expect(200);
      expect((res.body as Buffer).length).toBeGreaterThan(3_000_000);
      expect(Object.keys(unzipSync(new Uint8Array(res.body as Buffer)))).toContain('padding.bin');
    } finally {
      emu.setFaults({ largeFileBytes: null });
    }
  });
});
