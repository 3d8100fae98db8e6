import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { listWorkflowsResponseSchema, secmasterErrorSchema, upstreamPaths } from '@portico/api-types/upstream';
import { serviceApp, testCaller, testContext } from '../roma/testing/service-harness';
import { demoSecmasterWorkspaceId, secmasterService } from './index';

const ctx = testContext();
const state = secmasterService.seed(ctx, { resources: 0, seed: 1 });
const app = serviceApp(secmasterService, ctx, state);
const path = upstreamPaths.secmaster.workflows(testCaller.projectId, demoSecmasterWorkspaceId);
const get = (query: Record<string, string> = {}) =>
  request(app).get(path).query(query).set('content-type', 'application/json;charset=UTF-8');

describe('GET …/soc/workflows', () => {
  it('seeds a few dozen workflows of every aop_type, enabled and disabled', () => {
    const workflows = state.workspaces[demoSecmasterWorkspaceId]?.workflows ?? [];
    expect(workflows.length).toBeGreaterThanOrEqual(24);
    expect(new Set(workflows.map((w) => w.workflow.aop_type)).size).toBe(4);
    expect(new Set(workflows.map((w) => w.workflow.enabled)).size).toBe(2);
  });

  it('pages with the default limit of 10 and reports the total', async () => {
    const res = await get();
    expect(res.status).toBe(200);
    const body = listWorkflowsResponseSchema.parse(res.body);
    expect(body).toMatchObject({ success: true, offset: 0, limit: 10 });
    expect(body.data).toHaveLength(10);
    expect(body.total).toBe(state.workspaces[demoSecmasterWorkspaceId]?.workflows.length);
    expect(body.data.every((w) => w.project_id === testCaller.projectId)).toBe(true);
  });

  it('filters by aop_type, enabled and name, and sorts by name', async () => {
    const res = await get({
      aop_type: 'EASE',
      enabled: 'true',
      name: 'ransom',
      sortby: 'name',
      order: 'asc',
      limit: '100',
    });
    const body = listWorkflowsResponseSchema.parse(res.body);
    for (const w of body.data) {
      expect(w).toMatchObject({ aop_type: 'EASE', enabled: true });
      expect(w.name.toLowerCase()).toContain('ransom');
    }
    const all = listWorkflowsResponseSchema.parse((await get({ sortby: 'name', order: 'asc', limit: '100' })).body);
    const names = all.data.map((w) => w.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });

  it.each([
    [{ limit: '0' }],
    [{ limit: '101' }],
    [{ offset: '-1' }],
    [{ offset: '10001' }],
    [{ limit: 'ten' }],
    [{ order: 'up' }],
    [{ aop_type: 'OTHER' }],
    [{ enabled: 'yes' }],
  ])('answers 400 {code, message} for %o', async (query) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    expect(secmasterErrorSchema.parse(res.body).code).toMatch(/^SecMaster\./);
  });

  it('requires the content-type header the provider marks as required', async () => {
    const res = await request(app).get(path);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('SecMaster.20010001');
  });

  it('answers 404 in its own shape for an unknown workspace', async () => {
    const res = await request(app).get(upstreamPaths.secmaster.workflows(testCaller.projectId, 'nope'));
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: 'SecMaster.20040404', message: 'Workspace not found.' });
  });

  it('refuses a path project that is not the token project', async () => {
    const res = await request(app).get(upstreamPaths.secmaster.workflows('other', demoSecmasterWorkspaceId));
    expect(res.status).toBe(403);
    expect(secmasterErrorSchema.safeParse(res.body).success).toBe(true);
  });
});
