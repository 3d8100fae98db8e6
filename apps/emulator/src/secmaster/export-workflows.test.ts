import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import { upstreamPaths } from '@portico/api-types/upstream';
import { listen, serviceApp, testCaller, testContext } from '../roma/testing/service-harness';
import { demoSecmasterWorkspaceId, secmasterService } from './index';
import { workflowDocumentSchema } from './workflow-document';

const ctx = testContext();
const state = secmasterService.seed(ctx, { resources: 0, seed: 1 });
const app = serviceApp(secmasterService, ctx, state);
const path = upstreamPaths.secmaster.exportWorkflows(testCaller.projectId, demoSecmasterWorkspaceId);
const ids = (state.workspaces[demoSecmasterWorkspaceId]?.workflows ?? []).map((w) => w.workflow.id);
const post = (body: unknown) =>
  request(app).post(path).set('content-type', 'application/json;charset=UTF-8').send(JSON.stringify(body));

const invalidId = { code: 'SecMaster.20048006', message: 'Invalid playbook ID.' };

describe('POST …/soc/workflows/export', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => ({ server, url } = await listen(app)));
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('streams the chosen workflows with their definitions as workflow.json', async () => {
    const res = await post({ id: [ids[0], ids[3]] })
      .buffer(true)
      .parse((r, cb) => {
        const parts: Buffer[] = [];
        r.on('data', (c: Buffer) => parts.push(c));
        r.on('end', () => cb(null, Buffer.concat(parts)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['content-disposition']).toBe('attachment;filename=workflow.json');
    const doc = workflowDocumentSchema.parse(JSON.parse((res.body as Buffer).toString('utf8')));
    expect(doc.workflows.map((w) => w.workflow.id)).toEqual([ids[0], ids[3]]);
    expect(doc.workflows[0]?.definition.actions.length).toBeGreaterThan(0);
  });

  it.each([
    ['an empty list', { id: [] }],
    ['an unknown id', { id: [ids[0], 'ffffffffffffffffffffffffffffffff'] }],
    ['no id field', {}],
  ])('answers 400 Invalid playbook ID for %s', async (_name, body) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual(invalidId);
  });

  it('requires a JSON content-type', async () => {
    const res = await request(app)
      .post(path)
      .set('content-type', 'text/plain')
      .send(JSON.stringify({ id: [ids[0]] }));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('SecMaster.20010001');
  });

  it("answers malformed JSON in SecMaster's own shape", async () => {
    const res = await request(app).post(path).set('content-type', 'application/json').send('{"id": [');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('SecMaster.20010001');
  });

  it('pads to largeFileBytes with whitespace, keeping the JSON valid', async () => {
    ctx.faultConfig.largeFileBytes = 3 * 1024 * 1024;
    try {
      const res = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: [ids[1]] }),
      });
      const text = await res.text();
      expect(text.length).toBe(3 * 1024 * 1024);
      expect(workflowDocumentSchema.parse(JSON.parse(text)).workflows).toHaveLength(1);
    } finally {
      ctx.faultConfig.largeFileBytes = null;
    }
  });

  it('cuts the stream after cutStreamAfterBytes so the client sees a broken transfer', async () => {
    ctx.faultConfig.largeFileBytes = 1024 * 1024;
    ctx.faultConfig.cutStreamAfterBytes = 100_000;
    try {
      const res = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: [ids[1]] }),
      });
      expect(res.status).toBe(200);
      await expect(res.arrayBuffer()).rejects.toThrow();
    } finally {
      ctx.faultConfig.largeFileBytes = null;
      ctx.faultConfig.cutStreamAfterBytes = null;
    }
  });
});
