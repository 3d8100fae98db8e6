import http from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBffFixture, type BffFixture } from '../../testing/bff-fixture';
import { listen } from '../../testing/listen';
import { json, recordedToken, startRecordingUpstream, type RecordingUpstream } from '../../testing/recording-upstream';
import { signedInAgent } from '../../testing/signed-in-agent';
import { workflowsPage } from '../../testing/upstream-samples';

let up: RecordingUpstream;
let bff: BffFixture;
let op: Awaited<ReturnType<typeof signedInAgent>>;
const exportPath = '/v1/proj-1/resource-package/export';
const wfExport = '/v1/proj-1/workspaces/sm-ws-1/soc/workflows/export';

beforeAll(async () => {
  up = await startRecordingUpstream();
  bff = await startBffFixture(up.url);
  op = await signedInAgent(bff.app, 'demo-operator');
});
afterAll(async () => {
  await bff.close();
  await up.close();
});
beforeEach(() => up.clear());

const pkg = { name: 'Q3 package', resources: [{ resource_type: 'dashboard', resource_id: 'dash-1' }] };

describe('POST /api/insight/resource-packages/export', () => {
  it('sends the exact upstream request and streams the file with sanitised headers', async () => {
    up.on('POST', exportPath, (_req, res) => {
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-disposition': 'attachment; filename="../../Q3 \\"pkg\\".zip"',
        'content-length': '6',
        'set-cookie': 'sid=upstream',
        'x-subject-token': recordedToken,
      });
      res.end('PK\u0003\u0004ab');
    });
    const res = await op.agent
      .post('/api/insight/resource-packages/export')
      .set('x-csrf-token', op.csrf)
      .set('x-workspace-id', 'ws-9')
      .send(pkg)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect((res.body as Buffer).toString('latin1')).toBe('PK\u0003\u0004ab');
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['content-length']).toBe('6');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[^/\\"]+\.zip"/);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(JSON.stringify(res.headers)).not.toContain(recordedToken);

    const sent = up.last();
    expect(sent).toMatchObject({ method: 'POST', path: exportPath, query: {} });
    expect(sent.headers).toMatchObject({
      'x-auth-token': recordedToken,
      'x-workspace-id': 'ws-9',
      'content-type': 'application/json;charset=UTF-8',
    });
    expect(JSON.parse(sent.body)).toEqual(pkg);
    const log = await op.agent.get('/api/activity?operation=resource_package.export');
    expect(log.body.items[0]).toMatchObject({ outcome: 'success', target: 'Q3 package', workspace_id: 'ws-9' });
  });

  it('turns an upstream failure before the first byte into a JSON error', async () => {
    up.on('POST', exportPath, json(404, { error_code: '24010003', error_msg: 'resource does not exist' }));
    const res = await op.agent.post('/api/insight/resource-packages/export').set('x-csrf-token', op.csrf).send(pkg);
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({
      code: 'upstream_error',
      upstream: {
        status: 404,
        service: 'insight',
        code: '24010003',
        message: 'resource does not exist',
        request_id: 'up-req-1',
      },
    });
  });

  it('destroys the browser response when the upstream breaks mid-stream', async () => {
    up.on('POST', exportPath, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': '100000' });
      res.write(Buffer.alloc(1000, 1));
      setTimeout(() => res.socket?.destroy(), 50);
    });
    const server = await listen(bff.app);
    try {
      const outcome = await new Promise<{ bytes: number; complete: boolean; error?: string }>((resolve) => {
        const req = http.request(`${server.url}/api/insight/resource-packages/export`, {
          method: 'POST',
          headers: { ...op.headers, 'content-type': 'application/json' },
        });
        req.on('response', (res) => {
          let bytes = 0;
          res.on('data', (c: Buffer) => (bytes += c.length));
          res.on('end', () => resolve({ bytes, complete: res.complete }));
          res.on('error', (e) => resolve({ bytes, complete: res.complete, error: e.message }));
        });
        req.on('error', (e) => resolve({ bytes: 0, complete: false, error: e.message }));
        req.end(JSON.stringify(pkg));
      });
      expect(outcome.complete).toBe(false);
      expect(outcome.bytes).toBeLessThan(100000);
    } finally {
      await server.close();
    }
  });
});

describe('SecMaster', () => {
  it('lists workflows with the spec headers and query', async () => {
    up.on('GET', '/v1/proj-1/workspaces/sm-ws-1/soc/workflows', json(200, workflowsPage));
    const res = await op.agent.get('/api/secmaster/workflows?search=Block&limit=10');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 1, offset: 0, limit: 10, items: [{ id: 'wf-1' }] });
    expect(up.last().query).toEqual({ offset: '0', limit: '10', name: 'Block' });
    expect(up.last().headers).toMatchObject({
      'x-auth-token': recordedToken,
      'content-type': 'application/json;charset=UTF-8',
    });
  });

  it('exports workflows as a file and relays SecMaster errors intact', async () => {
    up.on('POST', wfExport, (_req, res) => {
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-disposition': 'attachment;filename=workflow.json',
      });
      res.end('{"workflows":[]}');
    });
    const ok = await op.agent
      .post('/api/secmaster/workflows/export')
      .set('x-csrf-token', op.csrf)
      .send({ id: ['wf-1'] });
    expect(ok.status).toBe(200);
    expect(ok.headers['content-disposition']).toMatch(/filename="workflow.json"/);
    expect(ok.text).toBe('{"workflows":[]}');
    expect(up.last()).toMatchObject({ method: 'POST', path: wfExport, body: '{"id":["wf-1"]}' });

    up.on('POST', wfExport, json(400, { code: 'SecMaster.20048006', message: 'invalid workflow id' }));
    const bad = await op.agent
      .post('/api/secmaster/workflows/export')
      .set('x-csrf-token', op.csrf)
      .send({ id: ['nope'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.upstream).toEqual({
      status: 400,
      service: 'secmaster',
      code: 'SecMaster.20048006',
      message: 'invalid workflow id',
      request_id: 'up-req-1',
    });
    const empty = await op.agent.post('/api/secmaster/workflows/export').set('x-csrf-token', op.csrf).send({ id: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.error.field).toBe('id');
  });

  it('is not for auditors', async () => {
    const auditor = await signedInAgent(bff.app, 'demo-auditor');
    expect((await auditor.agent.get('/api/secmaster/workflows')).status).toBe(403);
  });
});
