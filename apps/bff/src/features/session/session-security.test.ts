import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBffFixture, type BffFixture } from '../../testing/bff-fixture';
import { startRecordingUpstream, type RecordingUpstream } from '../../testing/recording-upstream';
import { signedInAgent } from '../../testing/signed-in-agent';

let up: RecordingUpstream;
let bff: BffFixture;
let https: { app: Express };
let now = new Date('2026-03-01T10:00:00Z');
const credentials = { domain: 'portico-demo', username: 'demo-operator', password: 'right-password' };

beforeAll(async () => {
  up = await startRecordingUpstream();
  const clock = { now: () => now };
  bff = await startBffFixture(up.url, { SESSION_IDLE_TIMEOUT_MS: '600000' }, clock);
  // The same BFF served at an https public origin, on the same database.
  https = { app: bff.withEnv({ PUBLIC_ORIGIN: 'https://portico.example' }) };
});
afterAll(async () => {
  await bff.close();
  await up.close();
});

const idOf = (setCookie: unknown, name: string) => new RegExp(`^${name}=([^;]*);`).exec(String(setCookie))?.[1];

describe('the session cookie', () => {
  it('follows the browser-BFF profile exactly: __Host-, Secure, HttpOnly, SameSite=Strict, Path=/, no Domain', async () => {
    const res = await request(https.app).post('/api/session').send(credentials);
    expect(res.status).toBe(201);
    const cookies = res.headers['set-cookie'] as unknown as string[];
    expect(cookies).toHaveLength(1);
    const id = idOf(cookies[0], '__Host-portico_session')!;
    expect(cookies[0]).toBe(
      `__Host-portico_session=${id}; Path=/; Expires=${new Date(res.body.expires_at).toUTCString()}; HttpOnly; Secure; SameSite=Strict`,
    );

    // Read back under the same name only; the loopback name means nothing here.
    const me = await request(https.app).get('/api/session').set('cookie', `__Host-portico_session=${id}`);
    expect(me.status).toBe(200);
    expect((await request(https.app).get('/api/session').set('cookie', `portico_session=${id}`)).status).toBe(401);
  });

  it('keeps __Host-…; Secure over plain http to a host that is not loopback (a browser then refuses it)', async () => {
    const res = await request(bff.app).post('/api/session').set('host', 'portico.internal:8080').send(credentials);
    expect(String(res.headers['set-cookie'])).toMatch(
      /^__Host-portico_session=[\w-]{43}; Path=\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Strict$/,
    );
  });

  it('is portico_session without Secure only over plain http to a loopback host', async () => {
    for (const host of ['127.0.0.1:8080', 'localhost', '[::1]:9']) {
      const res = await request(bff.app).post('/api/session').set('host', host).send(credentials);
      expect(String(res.headers['set-cookie'])).toMatch(
        /^portico_session=[\w-]{43}; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Strict$/,
      );
    }
  });

  it('names a random id of 256 bits, new at every sign-in', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const res = await request(bff.app).post('/api/session').send(credentials);
      const id = idOf(res.headers['set-cookie'], 'portico_session')!;
      expect(Buffer.from(id, 'base64url')).toHaveLength(32);
      ids.add(id);
    }
    expect(ids.size).toBe(5);
  });
});

describe('session lifecycle', () => {
  it('rotates at sign-in: a browser holding a session gets a new id and the old one ends server-side', async () => {
    const first = await signedInAgent(bff.app, 'demo-operator');
    const oldId = idOf(first.cookie, 'portico_session')!;
    const again = await first.agent.post('/api/session').send(credentials);
    expect(again.status).toBe(201);
    const newId = idOf(again.headers['set-cookie'], 'portico_session')!;
    expect(newId).not.toBe(oldId);
    expect(again.body.csrf_token).not.toBe(first.csrf);
    expect((await request(bff.app).get('/api/session').set('cookie', `portico_session=${oldId}`)).status).toBe(401);
    expect((await request(bff.app).get('/api/session').set('cookie', `portico_session=${newId}`)).status).toBe(200);
  });

  it('never lets a planted cookie become the session (fixation)', async () => {
    const planted = 'A'.repeat(43);
    const res = await request(bff.app)
      .post('/api/session')
      .set('cookie', `portico_session=${planted}`)
      .send(credentials);
    expect(res.status).toBe(201);
    expect(idOf(res.headers['set-cookie'], 'portico_session')).not.toBe(planted);
    const replay = await request(bff.app).get('/api/session').set('cookie', `portico_session=${planted}`);
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('unauthenticated');
  });

  it('ends at sign-out server-side: the cookie replayed afterwards is refused, also for state changes', async () => {
    const { agent, csrf, cookie } = await signedInAgent(bff.app, 'demo-admin');
    const id = idOf(cookie, 'portico_session')!;
    const out = await agent.delete('/api/session').set('x-csrf-token', csrf);
    expect(out.status).toBe(204);
    expect(String(out.headers['set-cookie'])).toBe(
      'portico_session=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict',
    );
    const replayed = (r: request.Test) => r.set('cookie', `portico_session=${id}`).set('x-csrf-token', csrf);
    const read = await replayed(request(bff.app).get('/api/session'));
    expect(read.status).toBe(401);
    expect((await replayed(request(bff.app).delete('/api/session'))).status).toBe(401);
    expect((await replayed(request(bff.app).put('/api/policy')).send({ rules: [] })).status).toBe(401);
  });

  it('ends at expiry server-side: the cookie replayed after the idle timeout is refused for good', async () => {
    const { cookie } = await signedInAgent(bff.app, 'demo-admin');
    const id = idOf(cookie, 'portico_session')!;
    const saved = now;
    now = new Date(saved.getTime() + 11 * 60_000);
    try {
      const late = await request(bff.app).get('/api/session').set('cookie', `portico_session=${id}`);
      expect(late.status).toBe(401);
      expect(late.body.error.code).toBe('session_expired');
      now = saved; // even a clock back in range cannot revive it: the row is gone
      const revived = await request(bff.app).get('/api/session').set('cookie', `portico_session=${id}`);
      expect(revived.status).toBe(401);
      expect(revived.body.error.code).toBe('unauthenticated');
    } finally {
      now = saved;
    }
  });
});

describe('sign-in from another origin', () => {
  it('is refused by Origin, and by Sec-Fetch-Site when a browser sends no Origin (login CSRF)', async () => {
    const evil = await request(bff.app).post('/api/session').set('origin', 'https://evil.example').send(credentials);
    expect(evil.status).toBe(403);
    expect(evil.body.error.code).toBe('origin_rejected');
    expect(evil.headers['set-cookie']).toBeUndefined();
    for (const site of ['cross-site', 'same-site']) {
      const res = await request(bff.app).post('/api/session').set('sec-fetch-site', site).send(credentials);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('origin_rejected');
    }
    const own = await request(bff.app).post('/api/session').set('sec-fetch-site', 'same-origin').send(credentials);
    expect(own.status).toBe(201);
    const https1 = await request(https.app)
      .post('/api/session')
      .set('origin', 'https://portico.example')
      .send(credentials);
    expect(https1.status).toBe(201);
    const plainHttp = await request(https.app)
      .post('/api/session')
      .set('origin', 'http://portico.example')
      .send(credentials);
    expect(plainHttp.status).toBe(403);
  });
});
