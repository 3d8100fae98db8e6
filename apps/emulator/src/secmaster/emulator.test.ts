import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { authTokenHeader, listWorkflowsResponseSchema, upstreamPaths } from '@portico/api-types/upstream';
import { demo } from '../demo';
import { binaryParser } from '../testing/binary-parser';
import { emulatorWithToken } from '../testing/emulator-harness';
import { workflowDocumentSchema } from './workflow-document';

const listPath = upstreamPaths.secmaster.workflows(demo.projectId, demo.secmasterWorkspaceId);
const exportPath = upstreamPaths.secmaster.exportWorkflows(demo.projectId, demo.secmasterWorkspaceId);

describe('SecMaster through the emulator app', () => {
  it('needs a token at the gateway', async () => {
    const { app } = await emulatorWithToken();
    const res = await request(app).get(listPath);
    expect(res.status).toBe(401);
    expect(res.body.error_code).toBe('APIGW.0301');
  });

  it('lists the demo workspace and exports what it listed', async () => {
    const { app, token } = await emulatorWithToken();
    const list = await request(app)
      .get(listPath)
      .query({ limit: 3 })
      .set(authTokenHeader, token)
      .set('content-type', 'application/json;charset=UTF-8');
    expect(list.status).toBe(200);
    const ids = listWorkflowsResponseSchema.parse(list.body).data.map((w) => w.id);
    expect(ids).toHaveLength(3);
    const exported = await request(app)
      .post(exportPath)
      .set(authTokenHeader, token)
      .set('content-type', 'application/json;charset=UTF-8')
      .send(JSON.stringify({ id: ids }))
      .buffer(true)
      .parse(binaryParser);
    expect(exported.status).toBe(200);
    expect(exported.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
    const doc = workflowDocumentSchema.parse(JSON.parse((exported.body as Buffer).toString('utf8')));
    expect(doc.workflows.map((w) => w.workflow.id)).toEqual(ids);
  });

  it("answers a malformed body in SecMaster's shape, not the core's", async () => {
    const { app, token } = await emulatorWithToken();
    const res = await request(app)
      .post(exportPath)
      .set(authTokenHeader, token)
      .set('content-type', 'application/json')
      .send('{"id":');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('SecMaster.20010001');
  });
});
