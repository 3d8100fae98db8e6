import type { OutgoingHttpHeaders } from 'node:http';
import fc from 'fast-check';
import request, { type Response, type Test } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerEverything, upstreamCalls } from '../testing/answering-upstream';
import { startBffFixture, type BffFixture } from '../testing/bff-fixture';
import { encode, hostileString } from '../testing/hostile-arbitraries';
import {
  json,
  recordedToken,
  startRecordingUpstream,
  type RecordedRequest,
  type RecordingUpstream,
  type UpstreamHandler,
} from '../testing/recording-upstream';
import { signedInAgent } from '../testing/signed-in-agent';
import { relayedFileHeaders, transportRequestHeaders, upstreamRequestHeaders } from './upstream-headers';

/**
 * Headers are allow-listed both ways, checked against a recording upstream: the upstream gets
 * only `upstreamRequestHeaders` whatever the browser sends, and the browser gets nothing of the
 * upstream's headers but `relayedFileHeaders` on a download. Upstream hosts and paths come
 * only from configuration, whatever a parameter holds.
 */

let up: RecordingUpstream;
let bff: BffFixture;
let cookie: string;
let csrf: string;

beforeAll(async () => {
  up = answerEverything(await startRecordingUpstream());
  bff = await startBffFixture(up.url);
  const admin = await signedInAgent(bff.app, 'demo-admin');
  ({ cookie, 'x-csrf-token': csrf } = admin.headers);
});
afterAll(async () => {
  await bff.close();
  await up.close();
});

/** Everything a hostile page or proxy might put on a request, none of which may reach an upstream. */
const hostileRequest = () => ({
  // The session cookie under both names (a non-loopback Host reads the `__Host-` one).
  cookie: `${cookie}; __Host-${cookie}; evil=attacker-cookie`,
  authorization: 'Bearer attacker-authorization',
  'proxy-authorization': 'Basic attacker-proxy',
  'x-forwarded-for': '203.0.113.66',
  'x-forwarded-host': 'evil.example',
  'x-forwarded-proto': 'gopher',
  forwarded: 'for=203.0.113.66;host=evil.example',
  'x-real-ip': '203.0.113.66',
  'x-auth-token': 'attacker-token',
  'x-subject-token': 'attacker-subject',
  'x-request-id': 'attacker-request-id',
  'x-original-url': '/evil',
  'x-http-method-override': 'DELETE',
  'x-sdk-date': '20200101T000000Z',
  via: '1.1 evil.example',
  host: 'evil.example',
  'x-csrf-token': csrf,
});
const attackerMarks = ['attacker', 'evil', '203.0.113', 'gopher', '20200101T000000Z'];

/** What a hostile upstream adds to every answer; none of it may reach the browser. */
const hostileAnswerHeaders: OutgoingHttpHeaders = {
  'set-cookie': ['upstream-session=upstream-secret; Path=/', `t=${recordedToken}`],
  'x-subject-token': recordedToken,
  'x-auth-token': recordedToken,
  server: 'upstream-secret-server/1.0',
  'x-powered-by': 'upstream-secret',
  'access-control-allow-origin': '*',
  'access-control-allow-credentials': 'true',
  'access-control-expose-headers': 'x-subject-token',
  location: 'https://upstream-secret.example/',
  refresh: '0; url=https://upstream-secret.example/',
  link: '<https://upstream-secret.example/>; rel=preload',
  'www-authenticate': 'Basic realm="upstream-secret"',
  'strict-transport-security': 'max-age=0',
  'content-security-policy': 'default-src * upstream-secret',
  'x-frame-options': 'ALLOWALL',
  'cache-control': 'public, max-age=999999',
  'x-request-id': 'up-req-1',
  'x-upstream-secret': 'upstream-secret',
};
/** Adds `hostileAnswerHeaders` to an answer (the answer's own headers win, so it stays well-formed). */
const leaky =
  (h: UpstreamHandler): UpstreamHandler =>
  (req, res, raw) => {
    const writeHead = res.writeHead.bind(res) as (status: number, headers?: OutgoingHttpHeaders) => typeof res;
    res.writeHead = ((status: number, headers?: OutgoingHttpHeaders) =>
      writeHead(status, { ...hostileAnswerHeaders, ...headers })) as typeof res.writeHead;
    return h(req, res, raw);
  };

const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(16, 1)]);
type Send = (headers: Record<string, string>) => Test;
const app = () => request(bff.app);
const operations: { name: string; call: keyof typeof upstreamCalls; insight: boolean; send: Send; file?: boolean }[] = [
  {
    name: 'list workspaces',
    call: 'listWorkspaces',
    insight: true,
    send: (h) => app().get('/api/insight/workspaces').set(h),
  },
  {
    name: 'list dashboards',
    call: 'listDashboards',
    insight: true,
    send: (h) => app().get('/api/insight/resources?type=dashboard').set(h),
  },
  {
    name: 'list data sources',
    call: 'listConnections',
    insight: true,
    send: (h) => app().get('/api/insight/resources?type=datasource').set(h),
  },
  {
    name: 'read permissions',
    call: 'readPermissions',
    insight: true,
    send: (h) => app().get('/api/insight/permissions?resource_type=dashboard&resource_id=d1').set(h),
  },
  {
    name: 'save permissions',
    call: 'savePermissions',
    insight: true,
    send: (h) =>
      app()
        .put('/api/insight/permissions')
        .set(h)
        .send({ resource_type: 'dashboard', resource_id: 'd1', auth_switch_config: { read: true } }),
  },
  {
    name: 'export a resource package',
    call: 'exportResourcePackage',
    insight: true,
    file: true,
    send: (h) =>
      app()
        .post('/api/insight/resource-packages/export')
        .set(h)
        .send({ name: 'p', resources: [{ resource_type: 'dashboard', resource_id: 'd1' }] }),
  },
  {
    name: 'list workflows',
    call: 'listWorkflows',
    insight: false,
    send: (h) => app().get('/api/secmaster/workflows').set(h),
  },
  {
    name: 'export workflows',
    call: 'exportWorkflows',
    insight: false,
    file: true,
    send: (h) =>
      app()
        .post('/api/secmaster/workflows/export')
        .set(h)
        .send({ id: ['wf-1'] }),
  },
  {
    name: 'import assets',
    call: 'importAssets',
    insight: false,
    send: (h) =>
      app().post('/api/roma/assets/import').set(h).attach('ImportAssetRequestBody', zip, { filename: 'a.zip' }),
  },
  {
    name: 'read an asset job',
    call: 'getJob',
    insight: false,
    send: (h) => app().get('/api/roma/assets/jobs/job-1').set(h),
  },
];

/** Names and values that must match between two answers (dates, ids and lengths vary by run). */
function stableHeaders(res: Response): Record<string, unknown> {
  const varying = new Set(['date', 'x-request-id', 'etag', 'content-length', 'keep-alive']);
  return Object.fromEntries(Object.entries(res.headers).filter(([k]) => !varying.has(k)));
}

function expectOnlyAllowedUpstreamHeaders(rec: RecordedRequest) {
  const allowed = new Set<string>([...upstreamRequestHeaders, ...transportRequestHeaders]);
  expect(
    Object.keys(rec.headers).filter((h) => !allowed.has(h)),
    `${rec.method} ${rec.path}`,
  ).toEqual([]);
  expect(rec.headers.host).toBe(new URL(up.url).host);
  const sent = JSON.stringify(rec.headers);
  for (const mark of attackerMarks) expect(sent).not.toContain(mark);
  expect(sent).not.toContain(cookie.split('=')[1]);
}

describe('headers, browser → upstream', () => {
  for (const op of operations) {
    it(`${op.name}: the upstream gets only listed headers, the token from the session`, async () => {
      answerEverything(up);
      up.clear();
      const res = await op.send({ ...hostileRequest(), 'x-workspace-id': 'ws-picked' });
      expect(res.status, res.text).toBe(200);
      const calls = up.requests.filter((r) => r.path === upstreamCalls[op.call][1]);
      expect(calls.length).toBeGreaterThan(0);
      for (const rec of up.requests) {
        expectOnlyAllowedUpstreamHeaders(rec);
        expect(rec.headers['x-auth-token']).toBe(recordedToken);
        // Insight's workspace is the one the user picked (validated, then set by the BFF); no
        // other service is ever sent one.
        // (Insight's workspace list itself takes none, as its spec says.)
        expect(rec.headers['x-workspace-id']).toBe(
          op.insight && op.call !== 'listWorkspaces' ? 'ws-picked' : undefined,
        );
      }
    });
  }

  it('sign-in: IAM gets only listed headers; none of the browser headers', async () => {
    up.clear();
    const res = await app()
      .post('/api/session')
      .set({ ...hostileRequest(), cookie: 'evil=attacker-cookie' })
      .send({ domain: 'portico-demo', username: 'demo-operator', password: 'right-password' });
    expect(res.status).toBe(201);
    const rec = up.last();
    expect(rec.path).toBe('/v3/auth/tokens');
    expect(
      Object.keys(rec.headers).filter(
        (h) => !new Set<string>([...upstreamRequestHeaders, ...transportRequestHeaders]).has(h),
      ),
    ).toEqual([]);
    expect(rec.headers['x-auth-token']).toBeUndefined();
    for (const mark of attackerMarks) expect(JSON.stringify(rec.headers)).not.toContain(mark);
  });
});

describe('headers, upstream → browser', () => {
  for (const op of operations) {
    it(`${op.name}: nothing of the upstream's headers crosses${op.file ? ' but the file headers' : ''}`, async () => {
      const headers = { cookie, 'x-csrf-token': csrf };
      answerEverything(up);
      const plain = await op.send(headers);
      answerEverything(up, leaky);
      const hostile = await op.send(headers);
      expect(hostile.status).toBe(200);
      // The very same headers as when the upstream sent nothing extra.
      expect(stableHeaders(hostile)).toEqual(stableHeaders(plain));
      const everything = JSON.stringify(hostile.headers);
      expect(everything).not.toContain(recordedToken);
      expect(everything).not.toContain('upstream-secret');
      expect(hostile.headers['set-cookie']).toBeUndefined();
      expect(hostile.headers['access-control-allow-origin']).toBeUndefined();
      expect(hostile.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      if (op.file) {
        const relayed = Object.keys(hostile.headers).filter((h) =>
          (relayedFileHeaders as readonly string[]).includes(h),
        );
        expect(relayed.sort()).toEqual(['content-disposition', 'content-length', 'content-type']);
        expect(hostile.headers['content-disposition']).toMatch(/^attachment; filename="(pkg\.zip|workflow\.json)"/);
      } else {
        expect(hostile.headers['content-disposition']).toBeUndefined();
      }
    });
  }

  it('an upstream error: its request id reaches the browser in the body only, its headers not at all', async () => {
    answerEverything(up);
    up.on(...upstreamCalls.readPermissions, leaky(json(404, { error_code: '24010003', error_msg: 'gone' })));
    const res = await app().get('/api/insight/permissions?resource_type=dashboard&resource_id=d1').set({ cookie });
    expect(res.status).toBe(404);
    expect(res.body.error.upstream).toMatchObject({ code: '24010003', request_id: 'up-req-1' });
    expect(res.headers['x-request-id']).toBe(res.body.request_id);
    expect(JSON.stringify(res.headers)).not.toContain('upstream-secret');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('sign-in: the only cookie is the BFF session cookie; IAM’s token and cookie stay behind', async () => {
    const res = await app()
      .post('/api/session')
      .send({ domain: 'portico-demo', username: 'demo-auditor', password: 'right-password' });
    expect(res.status).toBe(201);
    const cookies = [res.headers['set-cookie'] ?? []].flat();
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatch(/^(__Host-)?portico_session=/);
    expect(JSON.stringify(res.headers) + res.text).not.toContain(recordedToken);
    expect(JSON.stringify(res.headers)).not.toContain('upstream=secret');
  });
});

describe('upstream hosts and paths come only from configuration', () => {
  const host = () => new URL(up.url).host;
  const configured = new Set<string>([...Object.values(upstreamCalls).map(([, p]) => p), '/v3/auth/tokens']);

  it('a hostile value in any parameter never changes the host nor leaves the route’s upstream path', async () => {
    answerEverything(up);
    const sends: ((v: string) => Test)[] = [
      (v) =>
        app()
          .get(`/api/insight/permissions?resource_type=dashboard&resource_id=${encode(v)}`)
          .set({ cookie }),
      (v) =>
        app()
          .get(`/api/insight/resources?type=dashboard&search=${encode(v)}`)
          .set({ cookie }),
      (v) =>
        app()
          .get(`/api/secmaster/workflows?search=${encode(v)}`)
          .set({ cookie }),
      (v) =>
        app()
          .get(`/api/roma/assets/jobs/${encode(v)}`)
          .set({ cookie }),
      (v) =>
        app()
          .get('/api/insight/workspaces')
          .set({ cookie, 'x-workspace-id': v.replace(/[^\x20-\x7e]/g, '') }),
      (v) =>
        app()
          .post('/api/insight/resource-packages/export')
          .set({ cookie, 'x-csrf-token': csrf })
          .send({ name: v, resources: [{ resource_type: 'dashboard', resource_id: v }] }),
      (v) =>
        app()
          .post('/api/secmaster/workflows/export')
          .set({ cookie, 'x-csrf-token': csrf })
          .send({ id: [v] }),
      (v) =>
        app()
          .post(`/api/roma/assets/import?prefix=${encode(v)}`)
          .set({ cookie, 'x-csrf-token': csrf })
          .attach('ImportAssetRequestBody', zip, { filename: 'a.zip' }),
    ];
    const traversal = fc.constantFrom(
      '../../../v3/auth/tokens',
      '..%2F..%2Fevil',
      '%2e%2e%2f%2e%2e%2f',
      '//evil.example/x',
      'http://evil.example/',
      'https://evil.example:443/v1',
      '@evil.example',
      'job-1/../../../../x',
      'job-1?x=1#frag',
      '\\\\evil.example\\x',
    );
    await fc.assert(
      fc.asyncProperty(fc.nat(sends.length - 1), fc.oneof(traversal, hostileString), async (i, value) => {
        up.clear();
        const res = await sends[i]!(value);
        // An upstream the BFF could not reach (a host changed) would be a 502 or 504.
        expect(
          [502, 504],
          `${i} ${JSON.stringify(value)} → ${res.status} ${String(res.text ?? '').slice(0, 200)}`,
        ).not.toContain(res.status);
        for (const rec of up.requests) {
          expect(rec.headers.host).toBe(host());
          const known =
            configured.has(rec.path) || /^\/v2\/proj-1\/instances\/roma-1\/assets\/jobs\/[A-Za-z0-9-]+$/.test(rec.path);
          expect(known, `${i} ${JSON.stringify(value)} → upstream ${rec.path}`).toBe(true);
        }
      }),
      { numRuns: 120 },
    );
  }, 60_000);

  it('an absolute-form request target does not move the upstream', async () => {
    answerEverything(up);
    up.clear();
    const { listen } = await import('../testing/listen');
    const server = await listen(bff.app);
    try {
      const http = await import('node:http');
      const status = await new Promise<number>((resolve, reject) => {
        const req = http.request(
          server.url,
          {
            path: 'http://evil.example/api/insight/workspaces',
            headers: { cookie: `__Host-${cookie}`, host: 'evil.example' },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect(status).toBe(200);
      expect(up.requests.map((r) => [r.headers.host, r.path])).toEqual([[host(), upstreamCalls.listWorkspaces[1]]]);
    } finally {
      await server.close();
    }
  });
});
