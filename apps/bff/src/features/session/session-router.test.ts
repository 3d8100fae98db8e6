import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBffFixture, type BffFixture } from '../../testing/bff-fixture';
import { recordedToken, startRecordingUpstream, type RecordingUpstream } from '../../testing/recording-upstream';
import { signedInAgent } from '../../testing/signed-in-agent';

let up: RecordingUpstream;
let bff: BffFixture;
let now = new Date();

beforeAll(async () => {
  up = await startRecordingUpstream();
  bff = await startBffFixture(
    up.url,
    { SESSION_IDLE_TIMEOUT_MS: '600000', SIGNIN_MAX_FAILURES: '3' },
    { now: () => now },
  );
});
afterAll(async () => {
  await bff.close();
  await up.close();
});

describe('POST /api/session', () => {
  it('signs in through IAM and answers a session without the token', async () => {
    up.clear();
    const res = await request(bff.app)
      .post('/api/session')
      .send({ domain: 'portico-demo', username: 'demo-admin', password: 'right-password' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      user: { name: 'demo-admin', domain: 'portico-demo' },
      roles: ['admin'],
      project_id: 'proj-1',
    });
    expect(res.body.csrf_token).toMatch(/^[\w-]{20,}$/);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^portico_session=[\w-]{20,};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/);
    expect(JSON.stringify(res.headers) + res.text).not.toContain(recordedToken);
    expect(cookie).not.toContain('upstream=secret');

    const iam = up.last();
    expect(iam.method).toBe('POST');
    expect(iam.path).toBe('/v3/auth/tokens');
    expect(JSON.parse(iam.body)).toEqual({
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: 'demo-admin', password: 'right-password', domain: { name: 'portico-demo' } } },
        },
        scope: { project: { id: 'proj-1' } },
      },
    });
    expect(iam.headers.cookie).toBeUndefined();
  });

  it('maps roles by configuration, others get the default role', async () => {
    expect((await signedInAgent(bff.app, 'demo-auditor')).session.roles).toEqual(['auditor']);
    expect((await signedInAgent(bff.app, 'someone-else')).session.roles).toEqual(['operator']);
  });

  it('names the field of bad input', async () => {
    const res = await request(bff.app).post('/api/session').send({ domain: 'd', password: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'validation_failed', field: 'username' });
    expect(res.body.request_id).toBe(res.headers['x-request-id']);
    // A control character in a name (a NUL could not be kept as a failed sign-in's key) is a 400
    // too, before IAM or the database is asked.
    for (const [field, value] of [
      ['domain', 'portico\u0000demo'],
      ['username', 'demo-admin\u0007'],
    ] as const) {
      const named = await request(bff.app)
        .post('/api/session')
        .send({ domain: 'portico-demo', username: 'demo-admin', password: 'right-password', [field]: value });
      expect(named.status, field).toBe(400);
      expect(named.body.error).toMatchObject({ code: 'validation_failed', field });
    }
  });

  it('answers malformed and oversized JSON in the one error shape', async () => {
    const broken = await request(bff.app)
      .post('/api/session')
      .set('content-type', 'application/json')
      .send('{"domain":');
    expect(broken.status).toBe(400);
    expect(broken.body.error).toMatchObject({ code: 'validation_failed', field: 'body' });
    const huge = await request(bff.app)
      .post('/api/session')
      .send({ domain: 'd', username: 'u', password: 'x'.repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload_too_large');
  });

  it('refuses a foreign Origin even without a session', async () => {
    const res = await request(bff.app)
      .post('/api/session')
      .set('origin', 'https://evil.example')
      .send({ domain: 'd', username: 'demo-admin', password: 'right-password' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('origin_rejected');
  });

  it('answers wrong credentials with 401 and rate-limits repeated failures per user', async () => {
    const attempt = () =>
      request(bff.app).post('/api/session').send({ domain: 'portico-demo', username: 'victim', password: 'wrong' });
    const first = await attempt();
    expect(first.status).toBe(401);
    expect(first.body.error).toMatchObject({
      code: 'invalid_credentials',
      upstream: { status: 401, service: 'iam', code: '401' },
    });
    await attempt();
    await attempt();
    const blocked = await attempt();
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('rate_limited');
    // Even the right password waits out the window.
    const right = await request(bff.app)
      .post('/api/session')
      .send({ domain: 'portico-demo', username: 'victim', password: 'right-password' });
    expect(right.status).toBe(429);
  });
});

describe('GET and DELETE /api/session', () => {
  it('answers the live session, and 401 once signed out', async () => {
    const { agent, csrf, session } = await signedInAgent(bff.app, 'demo-operator');
    const got = await agent.get('/api/session');
    expect(got.status).toBe(200);
    expect(got.body).toEqual(session);

    expect((await agent.delete('/api/session')).status).toBe(403);
    expect((await agent.delete('/api/session').set('x-csrf-token', 'wrong')).body.error.code).toBe('csrf_failed');
    expect((await agent.delete('/api/session').set('x-csrf-token', csrf)).status).toBe(204);
    const after = await agent.get('/api/session');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthenticated');
  });

  it('answers 401 session_expired after the idle timeout and when the token expires', async () => {
    const { agent } = await signedInAgent(bff.app, 'demo-operator');
    const saved = now;
    now = new Date(saved.getTime() + 11 * 60_000);
    const idle = await agent.get('/api/session');
    expect(idle.status).toBe(401);
    expect(idle.body.error.code).toBe('session_expired');
    now = saved;

    const second = await signedInAgent(bff.app, 'demo-operator');
    // Keep it active (under the idle limit) until the IAM token's 24 h run out.
    let expired = await second.agent.get('/api/session');
    for (let i = 0; i < 200 && expired.status === 200; i++) {
      now = new Date(now.getTime() + 9 * 60_000);
      expired = await second.agent.get('/api/session');
    }
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('session_expired');
    now = new Date();
  });

  it('answers 401 without a cookie', async () => {
    const res = await request(bff.app).get('/api/session');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: { code: 'unauthenticated' } });
  });
});

describe('logs', () => {
  it('hold request ids but never the token, password, cookie or CSRF token', async () => {
    const { agent, csrf } = await signedInAgent(bff.app, 'demo-admin');
    await agent.get('/api/session');
    const text = bff.logs.join('');
    expect(text).toContain('"request_id"');
    expect(text).not.toContain(recordedToken);
    expect(text).not.toContain('right-password');
    expect(text).not.toContain(csrf);
  });
});
