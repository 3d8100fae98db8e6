import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBffFixture, type BffFixture } from '../../testing/bff-fixture';
import { startRecordingUpstream, type RecordingUpstream } from '../../testing/recording-upstream';

// supertest reaches the BFF from 127.0.0.1: the peer is the "proxy" whenever TRUST_PROXY names
// loopback. One database serves every setting below, so each test signs in from addresses, or as
// users, of its own.
let up: RecordingUpstream;
let bff: BffFixture;

beforeAll(async () => {
  up = await startRecordingUpstream();
  // 3 failures per user and address, 5 per address.
  bff = await startBffFixture(up.url, { SIGNIN_MAX_FAILURES: '3', SIGNIN_MAX_FAILURES_PER_ADDRESS: '5' });
});
afterAll(async () => {
  await bff.close();
  await up.close();
});

function signIn(app: Express, forwardedFor: string, username = 'victim', password = 'wrong') {
  return request(app)
    .post('/api/session')
    .set('x-forwarded-for', forwardedFor)
    .send({ domain: 'portico-demo', username, password });
}

async function failTimes(
  app: Express,
  times: number,
  forwardedFor: (i: number) => string,
  username?: (i: number) => string,
) {
  for (let i = 0; i < times; i++) {
    expect((await signIn(app, forwardedFor(i), username?.(i))).status).toBe(401);
  }
}

describe('behind a trusted proxy (TRUST_PROXY=loopback)', () => {
  it("counts failed sign-ins per client address: a guesser locks out its own address, not the victim's", async () => {
    const app = bff.withEnv({ TRUST_PROXY: 'loopback' });
    await failTimes(app, 3, () => '203.0.113.7');
    expect((await signIn(app, '203.0.113.7', 'victim', 'right-password')).status).toBe(429);
    expect((await signIn(app, '198.51.100.2', 'victim', 'right-password')).status).toBe(201);
  });

  it('takes the address the proxy saw, never one the client wrote in front of it', async () => {
    const app = bff.withEnv({ TRUST_PROXY: 'loopback' });
    // A sprayer writing a new address of its own into each request, over many users.
    await failTimes(
      app,
      5,
      (i) => `192.0.2.${i}, 203.0.113.9`,
      (i) => `user-${i}`,
    );
    const blocked = await signIn(app, '192.0.2.200, 203.0.113.9', 'someone-else');
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('rate_limited');
    expect((await signIn(app, '198.51.100.3', 'someone-else')).status).toBe(401);
  });

  it('takes https from X-Forwarded-Proto: the Origin check, HSTS and a Secure cookie', async () => {
    const app = bff.withEnv({ TRUST_PROXY: 'loopback' });
    const res = await signIn(app, '203.0.113.20', 'demo-operator', 'right-password')
      .set('host', 'portico.example')
      .set('origin', 'https://portico.example')
      .set('x-forwarded-proto', 'https');
    expect(res.status).toBe(201);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(String(res.headers['set-cookie'])).toMatch(
      /^__Host-portico_session=[\w-]{43}; Path=\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Strict$/,
    );
  });
});

describe.each([
  ['with no proxy trusted (the default)', 'victim-a', {}],
  ['when the peer is not one of the proxies named (TRUST_PROXY=10.0.0.0/8)', 'victim-b', { TRUST_PROXY: '10.0.0.0/8' }],
])('%s', (_name, victim, env: Record<string, string>) => {
  it('ignores X-Forwarded-For: a client cannot leave its lockout by naming another address', async () => {
    // Every request here comes from 127.0.0.1 itself: a larger budget per address keeps the two
    // settings' failures apart.
    const app = bff.withEnv({ ...env, SIGNIN_MAX_FAILURES_PER_ADDRESS: '20' });
    await failTimes(
      app,
      3,
      () => '203.0.113.7',
      () => victim,
    );
    expect((await signIn(app, '198.51.100.2', victim, 'right-password')).status).toBe(429);
  });

  it('ignores X-Forwarded-Proto: plain http stays plain http', async () => {
    const app = bff.withEnv(env);
    const res = await signIn(app, '203.0.113.20', 'demo-operator', 'right-password')
      .set('host', 'portico.example')
      .set('origin', 'https://portico.example')
      .set('x-forwarded-proto', 'https');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('origin_rejected');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });
});
