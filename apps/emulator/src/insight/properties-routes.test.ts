import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { cooperateAuthorizationPropertiesSchema, listDatasetsResponseSchema } from '@portico/api-types/upstream';
import { demo } from '../demo';
import { emulatorWithToken, insightHeaders } from '../testing/emulator-harness';

const path = `/v1/${demo.projectId}/authorization/cooperate-authorization/properties`;
let emu: Awaited<ReturnType<typeof emulatorWithToken>>;
let datasetId: string;
beforeAll(async () => {
  emu = await emulatorWithToken({ seedResources: 80 }, 'operator');
  const list = await request(emu.app)
    .get(`/v1/${demo.projectId}/datasets?limit=1`)
    .set(insightHeaders(emu.token))
    .expect(200);
  datasetId = listDatasetsResponseSchema.parse(list.body).page_data[0]?.id ?? '';
});
const get = (query: Record<string, string>) => request(emu.app).get(path).query(query).set(insightHeaders(emu.token));
const post = (body: unknown) =>
  request(emu.app)
    .post(path)
    .set(insightHeaders(emu.token))
    .send(body as object);

describe('GET properties', () => {
  it('returns the seeded record of a listed resource', async () => {
    const body = cooperateAuthorizationPropertiesSchema.parse(
      (await get({ resource_id: datasetId, resource_type: 'dataset' }).expect(200)).body,
    );
    expect(body).toMatchObject({
      resource_id: datasetId,
      project_id: demo.projectId,
      workspace_id: demo.insightWorkspaceId,
    });
    expect(Object.keys(body.auth_switch_config).sort()).toEqual(['edit', 'use']);
  });

  it('finds the non-listable resources by their known ids', async () => {
    for (const [type, id] of Object.entries(demo.insightUnlistedResources)) {
      cooperateAuthorizationPropertiesSchema.parse(
        (await get({ resource_id: id, resource_type: type }).expect(200)).body,
      );
    }
  });

  it('404s unknown ids and a type mismatch, 400s a bad resource_type', async () => {
    expect((await get({ resource_id: 'nope', resource_type: 'dataset' }).expect(404)).body.error_code).toBe('24010003');
    await get({ resource_id: datasetId, resource_type: 'dashboard' }).expect(404);
    expect((await get({ resource_id: datasetId, resource_type: 'report' }).expect(400)).body.error_code).toBe(
      '24010001',
    );
    await get({ resource_type: 'dataset' }).expect(400);
  });
});

describe('POST properties', () => {
  it('upserts with implications and records the caller', async () => {
    const before = cooperateAuthorizationPropertiesSchema.parse(
      (await get({ resource_id: datasetId, resource_type: 'dataset' })).body,
    );
    const res = await post({
      resource_id: datasetId,
      resource_type: 'dataset',
      auth_switch_config: { edit: true },
    }).expect(200);
    const saved = cooperateAuthorizationPropertiesSchema.parse(res.body);
    expect(saved.auth_switch_config).toEqual({ use: true, edit: true });
    expect(saved).toMatchObject({
      id: before.id,
      create_date: before.create_date,
      create_user: before.create_user,
      update_user_name: 'demo-operator',
    });
    expect(saved.update_date).toBeGreaterThan(before.update_date);
    const again = cooperateAuthorizationPropertiesSchema.parse(
      (await get({ resource_id: datasetId, resource_type: 'dataset' })).body,
    );
    expect(again).toEqual(saved);
  });

  it('turns read on with export for a dashboard', async () => {
    const saved = cooperateAuthorizationPropertiesSchema.parse(
      (
        await post({
          resource_id: demo.insightUnlistedResources.embedAnalysis,
          resource_type: 'embedAnalysis',
          auth_switch_config: { export: true },
        }).expect(200)
      ).body,
    );
    expect(saved.auth_switch_config).toEqual({ read: true, edit: false, export: true });
  });

  it('refuses unknown switches, bad types, unknown resources and malformed JSON', async () => {
    expect(
      (
        await post({ resource_id: datasetId, resource_type: 'dataset', auth_switch_config: { export: true } }).expect(
          400,
        )
      ).body.error_msg,
    ).toMatch(/export/);
    await post({ resource_id: datasetId, resource_type: 'table' }).expect(400);
    await post({ resource_id: datasetId, resource_type: 'dataset', auth_switch_config: { use: 'yes' } }).expect(400);
    expect((await post({ resource_id: 'missing', resource_type: 'dataset' }).expect(404)).body.error_code).toBe(
      '24010003',
    );
    const bad = await request(emu.app)
      .post(path)
      .set(insightHeaders(emu.token))
      .set('content-type', 'application/json')
      .send('{')
      .expect(400);
    expect(bad.body.error_code).toBe('24010001');
  });
});
