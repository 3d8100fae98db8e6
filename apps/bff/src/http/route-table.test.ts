import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBffFixture, type BffFixture } from '../testing/bff-fixture';
import { startRecordingUpstream, type RecordingUpstream } from '../testing/recording-upstream';
import { signedInAgent } from '../testing/signed-in-agent';
import { routeTable, type RegisteredRoute } from './route-table';

let up: RecordingUpstream;
let bff: BffFixture;
let admin: Awaited<ReturnType<typeof signedInAgent>>;
let api: RegisteredRoute[];

const safe = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Sign-in is the one state change without a session, hence without a CSRF token: Origin guards it. */
const signIn = 'POST /api/session';
const key = (r: RegisteredRoute) => `${r.method} ${r.path}`;
const concrete = (path: string) => path.replace(/:\w+/g, 'x1');
const send = (agent: request.Agent | ReturnType<typeof request>, method: string, path: string) =>
  (agent as unknown as Record<string, (p: string) => request.Test>)[method.toLowerCase()]!(concrete(path));

beforeAll(async () => {
  up = await startRecordingUpstream();
  bff = await startBffFixture(up.url);
  admin = await signedInAgent(bff.app, 'demo-admin');
  api = routeTable(bff.app).filter((r) => r.path.startsWith('/api/'));
});
afterAll(async () => {
  await bff.close();
  await up.close();
});

describe('the route table walked from createApp', () => {
  it('holds every route, nested routers and the audits routes included (never vacuous)', () => {
    const keys = api.map(key);
    expect(keys.length).toBeGreaterThanOrEqual(27);
    expect(api.filter((r) => !safe.has(r.method)).length).toBeGreaterThanOrEqual(11);
    for (const known of [
      'PUT /api/insight/permissions',
      'POST /api/roma/assets/import',
      'POST /api/audits/:id/fix',
      'PUT /api/policy',
      'DELETE /api/session',
      signIn,
    ]) {
      expect(keys).toContain(known);
    }
    expect(new Set(keys).size).toBe(keys.length);
    // Origin checking and sessions are mounted on /api: no state change may live elsewhere.
    expect(routeTable(bff.app).filter((r) => !safe.has(r.method) && !r.path.startsWith('/api/'))).toEqual([]);
  });
});

describe('every state-changing route', () => {
  it('refuses a session request without the CSRF token: 403 csrf_failed', async () => {
    const checked: string[] = [];
    for (const r of api.filter((r) => !safe.has(r.method) && key(r) !== signIn)) {
      for (const token of [undefined, 'wrong-token']) {
        const req = send(admin.agent, r.method, r.path);
        const res = await (token ? req.set('x-csrf-token', token) : req).send({});
        expect([key(r), res.status, res.body.error?.code]).toEqual([key(r), 403, 'csrf_failed']);
      }
      checked.push(key(r));
    }
    expect(checked.length).toBeGreaterThanOrEqual(10);
  });

  it('refuses a foreign Origin (or a cross-site Sec-Fetch-Site) even with the CSRF token: 403 origin_rejected', async () => {
    const checked: string[] = [];
    for (const r of api.filter((r) => !safe.has(r.method))) {
      for (const [name, value] of [
        ['origin', 'https://evil.example'],
        ['origin', 'null'],
        ['sec-fetch-site', 'cross-site'],
      ] as const) {
        const res = await send(admin.agent, r.method, r.path).set('x-csrf-token', admin.csrf).set(name, value).send({});
        expect([key(r), value, res.status, res.body.error?.code]).toEqual([key(r), value, 403, 'origin_rejected']);
      }
      checked.push(key(r));
    }
    expect(checked).toContain(signIn);
    expect(checked.length).toBeGreaterThanOrEqual(11);
    // The session survived all of it (DELETE /api/session was refused every time).
    expect((await admin.agent.get('/api/session')).status).toBe(200);
  });
});

describe('every route but sign-in', () => {
  it('answers 401 without a session', async () => {
    for (const r of api.filter((r) => key(r) !== signIn)) {
      const res = await send(request(bff.app), r.method, r.path).send({});
      expect([key(r), res.status, res.body.error?.code]).toEqual([key(r), 401, 'unauthenticated']);
    }
  });
});

describe('each route allows only its own methods', () => {
  it('answers any other method with 405 and an Allow header in the one error shape', async () => {
    const byPath = new Map<string, Set<string>>();
    for (const r of api) byPath.set(r.path, (byPath.get(r.path) ?? new Set()).add(r.method));
    let checked = 0;
    for (const [path, methods] of byPath) {
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => !methods.has(m))) {
        const res = await send(admin.agent, method, path).set('x-csrf-token', admin.csrf).send({});
        expect([method, path, res.status, res.body.error?.code]).toEqual([method, path, 405, 'method_not_allowed']);
        const allow = String(res.headers.allow).split(', ');
        for (const m of methods) expect(allow).toContain(m);
        expect(allow).not.toContain(method);
        expect(res.body.request_id).toBe(res.headers['x-request-id']);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(80);
    const unknown = await admin.agent.get('/api/no-such-thing');
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'not_found']);
  });
});
