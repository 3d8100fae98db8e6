import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  insightErrorSchema,
  listConnectionsResponseSchema,
  listDashboardsResponseSchema,
  listDatasetsResponseSchema,
  listWorkspacesResponseSchema,
} from '@portico/api-types/upstream';
import { demo } from '../demo';
import { emulatorWithToken, insightHeaders } from '../testing/emulator-harness';

const p = demo.projectId;
let emu: Awaited<ReturnType<typeof emulatorWithToken>>;
beforeAll(async () => {
  emu = await emulatorWithToken({ seedResources: 400 });
});
const get = (path: string, headers = insightHeaders(emu.token)) => request(emu.app).get(path).set(headers);

describe('workspaces', () => {
  it('lists both seeded workspaces without X-Workspace-Id, with name search', async () => {
    const res = await get(`/v1/${p}/instances/${demo.insightInstanceId}/workspaces`, {
      'x-auth-token': emu.token,
    }).expect(200);
    const body = listWorkspacesResponseSchema.parse(res.body);
    expect(body.count).toBe(2);
    expect(body.page_data.find((w) => w.is_default)?.id).toBe(demo.insightWorkspaceId);
    const found = listWorkspacesResponseSchema.parse(
      (await get(`/v1/${p}/instances/${demo.insightInstanceId}/workspaces?name=FINANCE`).expect(200)).body,
    );
    expect(found.page_data.map((w) => w.id)).toEqual([demo.insightSecondWorkspaceId]);
  });

  it('404s an unknown instance', async () => {
    await get(`/v1/${p}/instances/nope/workspaces`).expect(404);
  });
});

describe('resource lists', () => {
  it('requires a known X-Workspace-Id', async () => {
    const missing = await get(`/v1/${p}/datasets`, { 'x-auth-token': emu.token }).expect(400);
    insightErrorSchema.parse(missing.body);
    const unknown = await get(`/v1/${p}/datasets`, insightHeaders(emu.token, 'f'.repeat(32))).expect(400);
    expect(unknown.body.error_code).toBe('24150005');
  });

  it('pages datasets sorted by name with a stable count', async () => {
    const first = listDatasetsResponseSchema.parse((await get(`/v1/${p}/datasets?limit=5`).expect(200)).body);
    const second = listDatasetsResponseSchema.parse((await get(`/v1/${p}/datasets?limit=5&offset=5`).expect(200)).body);
    expect(first.page_data).toHaveLength(5);
    expect(first.count).toBe(second.count);
    const names = [...first.page_data, ...second.page_data].map((d) => d.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    const beyond = listDatasetsResponseSchema.parse((await get(`/v1/${p}/datasets?offset=5000`).expect(200)).body);
    expect(beyond.page_data).toEqual([]);
  });

  it('searches names case-insensitively', async () => {
    const res = listDatasetsResponseSchema.parse(
      (await get(`/v1/${p}/datasets?name=ODS_&limit=1000`).expect(200)).body,
    );
    expect(res.count).toBeGreaterThan(0);
    expect(res.page_data.every((d) => d.name.includes('ods_'))).toBe(true);
  });

  it.each(['limit=0', 'limit=1001', 'offset=-1', 'sort_key=owner', 'sort_dir=up'])('refuses %s with 400', async (q) => {
    const res = await get(`/v1/${p}/datasets?${q}`).expect(400);
    expect(res.body.error_code).toBe('24010001');
  });

  it.each(['dashboard', 'screen'] as const)('lists %s sorted by update_date desc', async (kind) => {
    const res = listDashboardsResponseSchema.parse(
      (await get(`/v1/${p}/resources/${kind}?sort_key=update_date&sort_dir=desc&limit=20`).expect(200)).body,
    );
    expect(res.count).toBeGreaterThan(0);
    const dates = res.page_data.map((d) => d.update_date);
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });

  it('lists connections with their type', async () => {
    const res = listConnectionsResponseSchema.parse((await get(`/v1/${p}/connections?limit=3`).expect(200)).body);
    expect(res.page_data[0]?.type).toMatch(/mysql|postgresql|dws|hive|clickhouse|oracle/);
  });

  it('keeps workspaces apart', async () => {
    const other = listDatasetsResponseSchema.parse(
      (await get(`/v1/${p}/datasets?limit=1000`, insightHeaders(emu.token, demo.insightSecondWorkspaceId)).expect(200))
        .body,
    );
    const mine = listDatasetsResponseSchema.parse((await get(`/v1/${p}/datasets?limit=1000`).expect(200)).body);
    const mineIds = new Set(mine.page_data.map((d) => d.id));
    expect(other.page_data.some((d) => mineIds.has(d.id))).toBe(false);
  });
});
