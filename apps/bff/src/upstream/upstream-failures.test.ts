import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBffFixture, type BffFixture } from '../testing/bff-fixture';
import { json, startRecordingUpstream, type RecordingUpstream } from '../testing/recording-upstream';
import { signedInAgent } from '../testing/signed-in-agent';

let up: RecordingUpstream;
let bff: BffFixture;
let op: Awaited<ReturnType<typeof signedInAgent>>;
const props = '/v1/proj-1/authorization/cooperate-authorization/properties';
const read = () => op.agent.get('/api/insight/permissions?resource_type=dashboard&resource_id=d1');

beforeAll(async () => {
  up = await startRecordingUpstream();
  bff = await startBffFixture(up.url, {}, { timeoutMs: 300 });
  op = await signedInAgent(bff.app, 'demo-operator');
});
afterAll(async () => {
  await bff.close();
  await up.close();
});
beforeEach(() => up.clear());

describe('upstream failures', () => {
  it('relays an Insight 4xx with its status and fields', async () => {
    up.on(
      'GET',
      props,
      json(400, { error_code: '24010043', error_msg: 'no collaboration permission' }, { 'x-request-id': 'ins-9' }),
    );
    const res = await read();
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: {
        code: 'upstream_error',
        message: 'no collaboration permission',
        upstream: {
          status: 400,
          service: 'insight',
          code: '24010043',
          message: 'no collaboration permission',
          request_id: 'ins-9',
        },
      },
      request_id: res.headers['x-request-id'],
    });
  });

  it('relays the API gateway 401 shape', async () => {
    up.on(
      'GET',
      props,
      json(401, {
        error_code: 'APIGW.0301',
        error_msg: 'Incorrect IAM authentication information',
        request_id: 'gw-1',
      }),
    );
    const res = await read();
    expect(res.status).toBe(401);
    expect(res.body.error.upstream).toMatchObject({ code: 'APIGW.0301', request_id: 'gw-1' });
  });

  it('answers an upstream 5xx with 502, keeping the upstream detail', async () => {
    up.on('GET', props, json(503, { error_code: '24019999', error_msg: 'busy' }));
    const res = await read();
    expect(res.status).toBe(502);
    expect(res.body.error).toMatchObject({ code: 'upstream_error', upstream: { status: 503, code: '24019999' } });
  });

  it('answers a reply that breaks the spec with 502 upstream_contract', async () => {
    up.on('GET', props, json(200, { id: 'only-an-id' }));
    expect((await read()).body.error.code).toBe('upstream_contract');
    up.on('GET', props, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('<html>');
    });
    const res = await read();
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe('upstream_contract');
  });

  it('answers a timeout with 504', async () => {
    up.on('GET', props, () => undefined);
    const res = await read();
    expect(res.status).toBe(504);
    expect(res.body.error.code).toBe('upstream_timeout');
  });

  it('answers an unreachable upstream with 502', async () => {
    const dead = await startRecordingUpstream();
    await dead.close();
    const broken = await startBffFixture(dead.url);
    try {
      const res = await request(broken.app)
        .post('/api/session')
        .send({ domain: 'd', username: 'demo-admin', password: 'right-password' });
      expect(res.status).toBe(502);
      expect(res.body.error).toMatchObject({ code: 'upstream_unreachable', upstream: { service: 'iam' } });
    } finally {
      await broken.close();
    }
  });
});
