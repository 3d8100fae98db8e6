import type { ServerResponse } from 'node:http';
import request, { type Test } from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { answerEverything, upstreamCalls } from '../testing/answering-upstream';
import { startBffFixture, type BffFixture } from '../testing/bff-fixture';
import { expectBadGateway } from '../testing/error-shape';
import { startRecordingUpstream, type RecordingUpstream, type UpstreamHandler } from '../testing/recording-upstream';
import { listen } from '../testing/listen';
import { signedInAgent } from '../testing/signed-in-agent';
import { maxJsonAnswerBytes } from './upstream-body';

/**
 * Every upstream call the BFF makes, answered in each way that breaks its spec: the browser
 * gets a 502 in the one error shape, promptly, and a huge answer is never read whole.
 */

let up: RecordingUpstream;
let bff: BffFixture;
let admin: Awaited<ReturnType<typeof signedInAgent>>;
/** Answers within this: no broken answer may hang a request (the upstream timeout is 3 s). */
const boundMs = 2_500;

beforeAll(async () => {
  up = answerEverything(await startRecordingUpstream());
  bff = await startBffFixture(up.url, {}, { timeoutMs: 3_000 });
  admin = await signedInAgent(bff.app, 'demo-admin');
});
afterAll(async () => {
  await bff.close();
  await up.close();
});
beforeEach(() => answerEverything(up));

const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(32, 1)]);
const csrf = (t: Test) => t.set('x-csrf-token', admin.csrf);

type Call = keyof typeof upstreamCalls;
const script = (call: Call, handler: UpstreamHandler) => {
  const [method, path] = upstreamCalls[call];
  up.on(method, path, handler);
};
const jsonCalls: [Call, 'insight' | 'secmaster' | 'roma', () => Test][] = [
  ['listWorkspaces', 'insight', () => admin.agent.get('/api/insight/workspaces')],
  ['listDashboards', 'insight', () => admin.agent.get('/api/insight/resources?type=dashboard')],
  ['listScreens', 'insight', () => admin.agent.get('/api/insight/resources?type=screen')],
  ['listConnections', 'insight', () => admin.agent.get('/api/insight/resources?type=datasource')],
  ['listDatasets', 'insight', () => admin.agent.get('/api/insight/resources?type=dataset')],
  [
    'readPermissions',
    'insight',
    () => admin.agent.get('/api/insight/permissions?resource_type=dashboard&resource_id=d1'),
  ],
  [
    'savePermissions',
    'insight',
    () =>
      csrf(admin.agent.put('/api/insight/permissions')).send({
        resource_type: 'dashboard',
        resource_id: 'd1',
        auth_switch_config: { read: true },
      }),
  ],
  ['listWorkflows', 'secmaster', () => admin.agent.get('/api/secmaster/workflows')],
  [
    'importAssets',
    'roma',
    () =>
      csrf(admin.agent.post('/api/roma/assets/import')).attach('ImportAssetRequestBody', zip, { filename: 'a.zip' }),
  ],
  ['getJob', 'roma', () => admin.agent.get('/api/roma/assets/jobs/job-1')],
];

const fileCalls: [Call, 'insight' | 'secmaster', () => Test][] = [
  [
    'exportResourcePackage',
    'insight',
    () =>
      csrf(admin.agent.post('/api/insight/resource-packages/export')).send({
        name: 'p',
        resources: [{ resource_type: 'dashboard', resource_id: 'd1' }],
      }),
  ],
  [
    'exportWorkflows',
    'secmaster',
    () => csrf(admin.agent.post('/api/secmaster/workflows/export')).send({ id: ['wf-1'] }),
  ],
];

const answer =
  (status: number, headers: Record<string, string>, body: string): UpstreamHandler =>
  (_req, res) => {
    res.writeHead(status, { 'x-request-id': 'up-broken-1', ...headers });
    res.end(body);
  };

const htmlPage =
  '<!DOCTYPE html><html><head><title>502 Bad Gateway</title><style>b{}</style></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>';

/** Writes ~50 MB of well-formed JSON in 64 KiB chunks, noting how much got out before the BFF hung up. */
function hugeJson(sent: { bytes: number; done: boolean }): UpstreamHandler {
  return (_req, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const item = Buffer.from(`"${'x'.repeat(64 * 1024 - 4)}",`);
    let left = 800; // 800 × 64 KiB ≈ 50 MB
    res.write('[');
    const pump = () => {
      while (left > 0) {
        left -= 1;
        sent.bytes += item.length;
        if (!res.write(item)) return void res.once('drain', pump);
      }
      sent.done = true;
      res.end('"end"]');
    };
    res.on('close', () => (left = 0));
    pump();
  };
}

/** The ways a JSON answer can break its spec, with the BFF error code each must give. */
const brokenJson: [string, () => UpstreamHandler, string][] = [
  [
    '200 with wrong types',
    () =>
      answer(
        200,
        { 'content-type': 'application/json' },
        JSON.stringify({ count: 'many', page_data: 'x', id: 5, job_id: 7, status: 5, data: 5, total: 'x', token: 1 }),
      ),
    'upstream_contract',
  ],
  ['200 with fields missing', () => answer(200, { 'content-type': 'application/json' }, '{}'), 'upstream_contract'],
  ['200 with a JSON array', () => answer(200, { 'content-type': 'application/json' }, '[]'), 'upstream_contract'],
  ['200 with an empty body', () => answer(200, { 'content-type': 'application/json' }, ''), 'upstream_contract'],
  [
    '200 with invalid JSON',
    () => answer(200, { 'content-type': 'application/json' }, '{"count": 1, "page_data": ['),
    'upstream_contract',
  ],
  ['200 with an HTML page', () => answer(200, { 'content-type': 'text/html' }, htmlPage), 'upstream_contract'],
  [
    '200 declaring a body over the cap',
    () => answer(200, { 'content-type': 'application/json', 'content-length': String(maxJsonAnswerBytes + 1) }, '{}'),
    'upstream_contract',
  ],
  ['500 with an HTML error page', () => answer(500, { 'content-type': 'text/html' }, htmlPage), 'upstream_error'],
  ['502 with an empty body', () => answer(502, {}, ''), 'upstream_error'],
];

async function timed(send: () => Test) {
  const started = Date.now();
  const res = await send();
  return { res, ms: Date.now() - started };
}

describe('upstream answers that break their spec', () => {
  for (const [call, service, send] of jsonCalls) {
    describe(call, () => {
      for (const [kind, handler, code] of brokenJson) {
        it(`${kind} → 502 ${code}`, async () => {
          script(call, handler());
          const { res, ms } = await timed(send);
          const body = expectBadGateway(res, service, `${call} ${kind}`);
          expect(body.error.code).toBe(code);
          expect(ms).toBeLessThan(boundMs);
          if (kind.includes('HTML error page')) {
            // The page's words, not its markup.
            expect(body.error.message).toBe('HTTP 500: 502 Bad Gateway 502 Bad Gateway nginx');
            expect(body.error.upstream).toMatchObject({ status: 500, request_id: 'up-broken-1' });
          }
        });
      }

      it('200 with 50 MB of JSON → 502, read no further than the cap', async () => {
        const sent = { bytes: 0, done: false };
        script(call, hugeJson(sent));
        const { res, ms } = await timed(send);
        expect(expectBadGateway(res, service, call).error).toMatchObject({
          code: 'upstream_contract',
          upstream: { code: 'too_large' },
        });
        expect(ms).toBeLessThan(boundMs);
        expect(sent.done).toBe(false);
        // The cap plus what sockets buffer in between: nowhere near 50 MB.
        expect(sent.bytes).toBeLessThan(maxJsonAnswerBytes + 8 * 1024 * 1024);
      });
    });
  }

  for (const [call, service, send] of fileCalls) {
    describe(call, () => {
      const brokenFile: [string, UpstreamHandler, string][] = [
        [
          '200 with an HTML page',
          answer(200, { 'content-type': 'text/html; charset=utf-8' }, htmlPage),
          'upstream_contract',
        ],
        [
          '200 with an empty body (content-length 0)',
          answer(200, { 'content-type': 'application/octet-stream' }, ''),
          'upstream_contract',
        ],
        [
          '200 with an empty chunked body',
          (_req, res) => {
            res.writeHead(200, { 'content-type': 'application/octet-stream', 'transfer-encoding': 'chunked' });
            res.end();
          },
          'upstream_contract',
        ],
        ['500 with an HTML error page', answer(500, { 'content-type': 'text/html' }, htmlPage), 'upstream_error'],
      ];
      if (service === 'insight') {
        brokenFile.push([
          '200 with a JSON error body instead of the ZIP',
          answer(200, { 'content-type': 'application/json' }, '{"error_code":"24010003","error_msg":"x"}'),
          'upstream_contract',
        ]);
      }
      for (const [kind, handler, code] of brokenFile) {
        it(`${kind} → 502 ${code}, no file started`, async () => {
          script(call, handler);
          const { res, ms } = await timed(send);
          expect(expectBadGateway(res, service, `${call} ${kind}`).error.code).toBe(code);
          expect(res.headers['content-disposition']).toBeUndefined();
          expect(ms).toBeLessThan(boundMs);
        });
      }

      it('a well-formed file still streams whole', async () => {
        const res = await send().parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        });
        expect(res.status).toBe(200);
        expect(res.headers['content-disposition']).toMatch(/^attachment;/);
        expect((res.body as Buffer).toString('latin1')).toBe(
          service === 'insight' ? 'PK\x03\x04zip' : '{"workflows":[]}',
        );
      });
    });
  }

  it('a browser gone while an export waits for its first byte frees the upstream connection', async () => {
    let upstreamClosed!: () => void;
    const closed = new Promise<void>((r) => (upstreamClosed = r));
    script('exportResourcePackage', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.flushHeaders();
      res.on('close', () => upstreamClosed());
    });
    const server = await listen(bff.app);
    try {
      const controller = new AbortController();
      const pending = fetch(`${server.url}/api/insight/resource-packages/export`, {
        method: 'POST',
        headers: { ...admin.headers, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'p', resources: [{ resource_type: 'dashboard', resource_id: 'd1' }] }),
        signal: controller.signal,
      }).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 200));
      controller.abort();
      await pending;
      const started = Date.now();
      await closed;
      expect(Date.now() - started).toBeLessThan(boundMs);
    } finally {
      await server.close();
    }
  });

  describe('IAM token', () => {
    const signIn = () =>
      request(bff.app)
        .post('/api/session')
        .send({ domain: 'portico-demo', username: 'demo-admin', password: 'right-password' });
    const tokens = ['POST', '/v3/auth/tokens'] as const;
    const goodBody = {
      token: {
        expires_at: '2099-01-01T00:00:00Z',
        issued_at: '2026-01-01T00:00:00Z',
        methods: ['password'],
        user: { id: 'u', name: 'demo-admin', domain: { id: 'd', name: 'portico-demo' } },
        project: { id: 'proj-1', name: 'r', domain: { id: 'd', name: 'portico-demo' } },
        roles: [],
        catalog: [],
      },
    };
    const cases: [string, UpstreamHandler][] = [
      ...brokenJson
        .filter(([kind]) => !kind.startsWith('5'))
        .map(
          ([kind, h]) =>
            [
              kind,
              (req, res, raw) => {
                res.setHeader('x-subject-token', 'tok-1');
                return h()(req, res, raw);
              },
            ] as [string, UpstreamHandler],
        ),
      ['201 without X-Subject-Token', answer(201, { 'content-type': 'application/json' }, JSON.stringify(goodBody))],
      [
        '201 with an expiry that is no date',
        answer(
          201,
          { 'content-type': 'application/json', 'x-subject-token': 't' },
          JSON.stringify({ token: { ...goodBody.token, expires_at: 'soon' } }),
        ),
      ],
    ];
    for (const [kind, handler] of cases) {
      it(`${kind} → 502, no session`, async () => {
        up.on(...tokens, handler);
        const { res, ms } = await timed(signIn);
        expectBadGateway(res, 'iam', kind);
        expect(res.headers['set-cookie']).toBeUndefined();
        expect(ms).toBeLessThan(boundMs);
      });
    }
  });
});
