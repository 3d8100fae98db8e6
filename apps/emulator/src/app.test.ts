import request from 'supertest';
import { describe, expect, it } from 'vitest';
import {
  apigwErrorSchema,
  insightErrorSchema,
  romaErrorSchema,
  secmasterErrorSchema,
} from '@portico/api-types/upstream';
import { demo } from './demo';
import { createEmulatorApp } from './app';
import { emulatorWithToken, insightHeaders, tokenRequest } from './testing/emulator-harness';

const datasets = `/v1/${demo.projectId}/datasets`;

describe('API gateway', () => {
  it('refuses a missing token with APIGW.0301 saying so', async () => {
    const { app } = createEmulatorApp({ seedResources: 10 });
    const res = await request(app).get(datasets).expect(401);
    const body = apigwErrorSchema.parse(res.body);
    expect(body.error_code).toBe('APIGW.0301');
    expect(body.error_msg).toMatch(/not found/);
    expect(body.request_id).toBe(res.get('x-request-id'));
  });

  it('refuses an unknown token', async () => {
    const { app } = createEmulatorApp({ seedResources: 10 });
    const res = await request(app).get(datasets).set('x-auth-token', 'MIIbogus').expect(401);
    expect(res.body.error_msg).toMatch(/verification failed/);
  });

  it('refuses an expired token', async () => {
    const { app } = createEmulatorApp({ seedResources: 10, tokenTtlMs: 30 });
    const login = await request(app).post('/v3/auth/tokens').send(tokenRequest()).expect(201);
    await new Promise((r) => setTimeout(r, 60));
    const res = await request(app)
      .get(datasets)
      .set('x-auth-token', login.get('x-subject-token') ?? '')
      .expect(401);
    expect(res.body).toMatchObject({ error_code: 'APIGW.0301', error_msg: expect.stringMatching(/expired/) });
  });

  it('answers unknown routes with APIGW.0101', async () => {
    const { app, token } = await emulatorWithToken({ seedResources: 10 });
    const res = await request(app).get('/v9/nothing').set('x-auth-token', token).expect(404);
    expect(res.body.error_code).toBe('APIGW.0101');
  });

  it('answers malformed JSON in the owning service shape', async () => {
    const { app, token } = await emulatorWithToken({ seedResources: 10 });
    const post = (path: string) =>
      request(app).post(path).set(insightHeaders(token)).set('content-type', 'application/json').send('{"x":');
    const insight = await post(`/v1/${demo.projectId}/resource-package/export`).expect(400);
    expect(insightErrorSchema.parse(insight.body).error_code).toBe('24010001');
    const secmaster = await post(
      `/v1/${demo.projectId}/workspaces/${demo.secmasterWorkspaceId}/soc/workflows/export`,
    ).expect(400);
    secmasterErrorSchema.parse(secmaster.body);
    const roma = await post(`/v2/${demo.projectId}/instances/${demo.romaInstanceId}/assets/export`).expect(400);
    expect(romaErrorSchema.parse(roma.body).error_code).toBe('ROMA.13000');
  });

  it('checks the path project against the token project', async () => {
    const { app, token } = await emulatorWithToken({ seedResources: 10 });
    const res = await request(app)
      .get('/v1/ffffffffffffffffffffffffffffffff/datasets')
      .set(insightHeaders(token))
      .expect(403);
    expect(insightErrorSchema.parse(res.body).error_code).toBe('20010003');
  });
});

describe('X-Request-Id', () => {
  it('is on every answer, errors and control routes included', async () => {
    const { app } = createEmulatorApp({ seedResources: 10 });
    for (const res of [
      await request(app).get('/__emulator/health'),
      await request(app).get('/nowhere'),
      await request(app).post('/v3/auth/tokens').send({}),
    ]) {
      expect(res.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    }
  });
});

describe('control routes', () => {
  it('reports health and reads/updates faults without a token', async () => {
    const { app } = createEmulatorApp({ seedResources: 10 });
    await request(app).get('/__emulator/health').expect(200, { status: 'ok' });
    const before = await request(app).get('/__emulator/faults').expect(200);
    expect(before.body).toMatchObject({ latencyMs: 0, errorRate: 0, cutStreamAfterBytes: null });
    const after = await request(app).put('/__emulator/faults').send({ throttleRate: 0.5 }).expect(200);
    expect(after.body).toMatchObject({ throttleRate: 0.5, latencyMs: 0 });
    await request(app).put('/__emulator/faults').send({ throttleRate: 2 }).expect(400);
    await request(app).put('/__emulator/faults').send({ nope: 1 }).expect(400);
  });
});
