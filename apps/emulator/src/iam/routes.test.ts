import request from 'supertest';
import { describe, expect, it } from 'vitest';
import {
  iamErrorSchema,
  iamProjectsResponseSchema,
  iamSubjectTokenHeader,
  iamTokenResponseSchema,
} from '@portico/api-types/upstream';
import { createEmulatorApp } from '../app';
import { demo } from '../demo';
import { emulatorWithToken, tokenRequest } from '../testing/emulator-harness';

describe('POST /v3/auth/tokens', () => {
  const { app } = createEmulatorApp({ seedResources: 10 });

  it('issues a long opaque token in X-Subject-Token and the documented body', async () => {
    const res = await request(app).post('/v3/auth/tokens').send(tokenRequest('operator')).expect(201);
    expect(res.get(iamSubjectTokenHeader)?.length).toBeGreaterThan(500);
    const body = iamTokenResponseSchema.parse(res.body);
    expect(body.token.user.name).toBe('demo-operator');
    expect(body.token.project).toMatchObject({ id: demo.projectId, name: demo.region });
    expect(body.token.expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(Date.parse(body.token.expires_at) - Date.parse(body.token.issued_at)).toBe(24 * 3600 * 1000);
    expect(res.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('accepts the content type exactly as the spec spells it (charset=utf8)', async () => {
    const res = await request(app)
      .post('/v3/auth/tokens')
      .set('content-type', 'application/json;charset=utf8')
      .send(JSON.stringify(tokenRequest('admin')))
      .expect(201);
    expect(iamTokenResponseSchema.parse(res.body).token.user.name).toBe('demo-admin');
  });

  it('scopes by project name (the region) and gives per-user roles', async () => {
    const res = await request(app)
      .post('/v3/auth/tokens')
      .send(tokenRequest('auditor', { name: demo.region }))
      .expect(201);
    expect(iamTokenResponseSchema.parse(res.body).token.roles.map((r) => r.name)).toEqual(['readonly']);
  });

  it.each([
    [
      'wrong password',
      {
        ...tokenRequest(),
        auth: {
          ...tokenRequest().auth,
          identity: {
            methods: ['password'],
            password: { user: { name: 'demo-admin', password: 'nope', domain: { name: demo.domainName } } },
          },
        },
      },
    ],
    [
      'unknown domain',
      {
        ...tokenRequest(),
        auth: {
          ...tokenRequest().auth,
          identity: { methods: ['password'], password: { user: { ...demo.users.admin, domain: { name: 'other' } } } },
        },
      },
    ],
    [
      'disabled user',
      {
        ...tokenRequest(),
        auth: {
          ...tokenRequest().auth,
          identity: {
            methods: ['password'],
            password: { user: { ...demo.disabledUser, domain: { name: demo.domainName } } },
          },
        },
      },
    ],
  ])('refuses %s with 401', async (_label, body) => {
    const res = await request(app).post('/v3/auth/tokens').send(body).expect(401);
    expect(res.body).toEqual({
      error: { code: 401, message: 'The username or password is wrong.', title: 'Unauthorized' },
    });
  });

  it('answers a malformed body and malformed JSON with 400 in IAM shape', async () => {
    const bad = await request(app).post('/v3/auth/tokens').send({ auth: {} }).expect(400);
    expect(iamErrorSchema.parse(bad.body).error.code).toBe(400);
    const json = await request(app)
      .post('/v3/auth/tokens')
      .set('content-type', 'application/json')
      .send('{"auth":')
      .expect(400);
    expect(iamErrorSchema.parse(json.body).error.code).toBe(400);
  });
});

describe('GET /v3/projects', () => {
  it('finds the project by region name', async () => {
    const { app, token } = await emulatorWithToken({ seedResources: 10 });
    const res = await request(app)
      .get('/v3/projects')
      .query({ name: demo.region })
      .set('x-auth-token', token)
      .expect(200);
    expect(iamProjectsResponseSchema.parse(res.body).projects).toEqual([
      { id: demo.projectId, name: demo.region, domain_id: demo.domainId, enabled: true },
    ]);
    const none = await request(app)
      .get('/v3/projects')
      .query({ name: 'eu-west-0' })
      .set('x-auth-token', token)
      .expect(200);
    expect(none.body).toEqual({ projects: [] });
  });
});
