import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { upstreamPaths } from '@portico/api-types/upstream';
import { binaryParser } from '../testing/binary-parser';
import { serviceApp, testCaller, testContext } from '../roma/testing/service-harness';
import { demoSecmasterWorkspaceId, secmasterService } from './index';

const setup = () => {
  const ctx = testContext();
  const state = secmasterService.seed(ctx, { resources: 0, seed: 1 });
  return { ctx, state, app: serviceApp(secmasterService, ctx, state) };
};
const base = upstreamPaths.secmaster.workflows(testCaller.projectId, demoSecmasterWorkspaceId);
const workflows = (state: ReturnType<typeof setup>['state']) =>
  state.workspaces[demoSecmasterWorkspaceId]?.workflows ?? [];

describe('POST …/soc/workflows/import', () => {
  it('takes back an exported document as new workflows', async () => {
    const { state, app } = setup();
    const source = workflows(state).slice(0, 2);
    const exported = await request(app)
      .post(`${base}/export`)
      .set('content-type', 'application/json;charset=UTF-8')
      .send(JSON.stringify({ id: source.map((w) => w.workflow.id) }))
      .buffer(true)
      .parse(binaryParser);
    const before = workflows(state).length;
    const res = await request(app)
      .post(`${base}/import`)
      .attach('uploadFile', exported.body as Buffer, 'workflow.json');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true });
    const added = workflows(state).slice(before);
    expect(added.map((w) => w.workflow.name)).toEqual(source.map((w) => w.workflow.name));
    expect(added.map((w) => w.definition.actions)).toEqual(source.map((w) => w.definition.actions));
    expect(added.every((w) => !source.some((s) => s.workflow.id === w.workflow.id))).toBe(true);
  });

  it.each([
    ['no file', (r: request.Test) => r.field('other', 'x')],
    [
      'a file that is not an export',
      (r: request.Test) => r.attach('uploadFile', Buffer.from('{"a":1}'), 'workflow.json'),
    ],
    ['a file that is not JSON', (r: request.Test) => r.attach('uploadFile', Buffer.from('PK...'), 'workflow.json')],
  ])("refuses %s with 400 in SecMaster's shape", async (_name, build) => {
    const { app } = setup();
    const res = await build(request(app).post(`${base}/import`));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('SecMaster.20010001');
  });
});
