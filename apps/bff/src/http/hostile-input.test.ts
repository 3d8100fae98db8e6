import fc from 'fast-check';
import type { Test } from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAnsweringUpstream } from '../testing/answering-upstream';
import { startBffFixture, type BffFixture } from '../testing/bff-fixture';
import { expectClientError } from '../testing/error-shape';
import { encode, headerValue, hostileJson, hostileSegment, hostileString } from '../testing/hostile-arbitraries';
import type { RecordingUpstream } from '../testing/recording-upstream';
import { signedInAgent } from '../testing/signed-in-agent';
import { routeTable, type RegisteredRoute } from './route-table';

/**
 * Every route `createApp` declares, with a signed-in admin (so roles never mask validation) and
 * a valid CSRF token (so input reaches validation): hostile queries, bodies, headers and path
 * parameters never get a 5xx, always the one error shape, and a 400 names its field.
 */

let up: RecordingUpstream;
let bff: BffFixture;
let admin: Awaited<ReturnType<typeof signedInAgent>>;
let routes: RegisteredRoute[];

beforeAll(async () => {
  up = await startAnsweringUpstream();
  bff = await startBffFixture(up.url, { SIGNIN_MAX_FAILURES: '1000', SIGNIN_MAX_FAILURES_PER_ADDRESS: '1000' });
  admin = await signedInAgent(bff.app, 'demo-admin');
  // Signing out would end the admin's session for every later run; it takes no input anyway.
  routes = routeTable(bff.app).filter(
    (r) => r.path.startsWith('/api/') && r.method !== '*' && !(r.method === 'DELETE' && r.path === '/api/session'),
  );
});
afterAll(async () => {
  await bff.close();
  await up.close();
});

/** A valid request of each route: the starting point of the one-bad-field property. */
const valid: Record<
  string,
  { query?: Record<string, string>; body?: Record<string, unknown>; headers?: Record<string, string> }
> = {
  'GET /api/insight/resources': {
    query: { type: 'dashboard', search: 'x', offset: '0', limit: '10' },
    headers: { 'x-workspace-id': 'ws-1' },
  },
  'GET /api/insight/permissions': {
    query: { resource_type: 'dashboard', resource_id: 'd1' },
    headers: { 'x-workspace-id': 'ws-1' },
  },
  'PUT /api/insight/permissions': {
    body: { resource_type: 'dashboard', resource_id: 'd1', auth_switch_config: {} },
    headers: { 'x-workspace-id': 'ws-1' },
  },
  'POST /api/insight/resource-packages/export': {
    body: { name: 'p', resources: [{ resource_type: 'dashboard', resource_id: 'd1' }] },
    headers: { 'x-workspace-id': 'ws-1' },
  },
  'GET /api/secmaster/workflows': { query: { search: 'x', offset: '0', limit: '10' } },
  'POST /api/secmaster/workflows/export': { body: { id: ['wf-1'] } },
  'GET /api/activity': { query: { user: 'u', outcome: 'success', offset: '0', limit: '10' } },
  'GET /api/activity.csv': { query: { user: 'u', outcome: 'success' } },
  'GET /api/audits': { query: { workspace_id: 'ws-1', offset: '0', limit: '10' } },
  'POST /api/audits': { body: { workspace_id: 'ws-1', resource_types: ['dashboard'] } },
  'PUT /api/policy': { body: { rules: [] } },
  'POST /api/session': { body: { domain: 'portico-demo', username: 'nobody', password: 'wrong' } },
  'POST /api/roma/assets/import': { query: { type: 'Merge', prefix: 'p', datasource_overwrite: 'true' } },
};

const knownKeys = [
  ...new Set(Object.values(valid).flatMap((v) => [...Object.keys(v.query ?? {}), ...Object.keys(v.body ?? {})])),
  'id',
  'from',
  'to',
  'dry_run',
  'policy_version',
  'expected_version',
  'expected_update_date',
  '__proto__',
  'constructor',
];
const key = fc.oneof(fc.constantFrom(...knownKeys), hostileString);

const hostileBody = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'none' as const }) },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('json' as const),
      value: fc.oneof(hostileJson, fc.dictionary(key, hostileJson, { maxKeys: 6 })),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('raw' as const),
      text: hostileString,
      type: fc.constantFrom(
        'application/json',
        'application/json; charset=utf-16',
        'application/json; charset=koi8-r',
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/xml',
        'multipart/form-data',
        'multipart/form-data; boundary=x',
        '',
      ),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'huge' as const }) },
);

const hostileHeaders = fc.dictionary(
  fc.constantFrom(
    'x-workspace-id',
    'content-encoding',
    'accept',
    'accept-encoding',
    'x-forwarded-for',
    'x-forwarded-host',
    'x-forwarded-proto',
    'x-auth-token',
    'x-subject-token',
    'authorization',
    'x-request-id',
    'origin',
    'range',
  ),
  headerValue,
  { maxKeys: 4 },
);

const hostileQuery = fc
  .array(
    fc.tuple(key, hostileString).map(([k, v]) => `${encode(k)}=${encode(v)}`),
    { maxLength: 6 },
  )
  .chain((pairs) =>
    fc.oneof(
      fc.constant(pairs.join('&')),
      // Raw malformed encodings the URL parser and query parser both have to survive.
      fc.constantFrom('%', 'a=%zz', 'type=%E0%A4%A', 'offset=1&offset=2', 'limit[]=1', '&&&=&'),
    ),
  );

/** Out of range or not in any enumeration for every route that reads the parameter. */
const wrongEverywhereQuery = 'offset=-1&limit=0&type=NOT_A_TYPE&resource_type=NOT_A_TYPE&outcome=NOT_A_TYPE';
const hostileSegmentExample = '%00';

/** The route's path with each `:param` replaced by `value` (already URL-encoded). */
const fillPath = (path: string, value: string) => path.replace(/:[A-Za-z_]\w*/g, value);

function send(method: string, url: string): Test {
  const m = method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
  return admin.agent[m](url).set('x-csrf-token', admin.csrf);
}

describe('hostile input on every route', () => {
  it('finds the routes to test by walking the app', () => {
    const names = routes.map((r) => `${r.method} ${r.path}`);
    expect(names.length).toBeGreaterThanOrEqual(25);
    for (const k of Object.keys(valid)) expect(names).toContain(k);
    expect(names).toContain('GET /api/roma/assets/jobs/:job_id');
    expect(names).toContain('POST /api/audits/fix/:fixId/undo');
  });

  it('never answers 5xx; always the one error shape, naming the field of a 400', async () => {
    const codes = new Map<string, Set<string>>();
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(
          hostileSegment,
          hostileQuery,
          hostileBody,
          hostileHeaders,
          async (segment, query, body, headers) => {
            const url = `${fillPath(route.path, segment)}${query ? `?${query}` : ''}`;
            let req = send(route.method, url).set(headers);
            if (body.kind === 'json')
              req = req.set('content-type', 'application/json').send(JSON.stringify(body.value));
            else if (body.kind === 'raw') req = req.set('content-type', body.type).send(body.text);
            else if (body.kind === 'huge')
              req = req.set('content-type', 'application/json').send(`{"name":"${'x'.repeat(2 * 1024 * 1024)}"}`);
            const res = await req;
            // A random input that happens to be valid is not what this test is about.
            if (res.status < 300) return;
            const { error } = expectClientError(
              res,
              `${route.method} ${url.slice(0, 200)} ${JSON.stringify(body).slice(0, 200)} ${JSON.stringify(headers)}`,
            );
            const key = `${route.method} ${route.path}`;
            codes.set(key, (codes.get(key) ?? new Set()).add(error.code));
          },
        ),
        {
          numRuns: Number(process.env.HOSTILE_RUNS ?? 20),
          // Every route also gets one input that is wrong for all of them, so the check below
          // never depends on the random inputs of a run (on a few routes most are valid).
          examples: [[hostileSegmentExample, wrongEverywhereQuery, { kind: 'json', value: [] }, {}]],
        },
      );
    }
    // The hostile input reached validation (not only the CSRF, origin or session checks).
    for (const name of Object.keys(valid)) expect([...(codes.get(name) ?? [])], name).toContain('validation_failed');
    // Still alive and still signed in.
    expect((await admin.agent.get('/api/session')).status).toBe(200);
  }, 180_000);

  it('names exactly the one field that was made wrong', async () => {
    const wrong = fc.oneof(hostileJson, fc.constantFrom('', 'x'.repeat(300), -5, 1.5, [], {}, null, 'NOT_A_TYPE'));
    for (const [name, sample] of Object.entries(valid)) {
      const [method, path] = name.split(' ') as [string, string];
      const sendWith = (
        q: Record<string, string>,
        b: Record<string, unknown> | undefined,
        h: Record<string, string>,
      ) => {
        const qs = new URLSearchParams(q).toString();
        const req = send(method, `${path}${qs ? `?${qs}` : ''}`).set(h);
        return b ? req.send(b) : req;
      };
      const where = fc.constantFrom(
        ...Object.keys(sample.query ?? {}).map((k) => ['query', k] as const),
        ...Object.keys(sample.body ?? {}).map((k) => ['body', k] as const),
        ...Object.keys(sample.headers ?? {}).map((k) => ['headers', k] as const),
      );
      await fc.assert(
        fc.asyncProperty(where, wrong, async ([part, k], value) => {
          const q = { ...sample.query };
          const b = sample.body ? { ...sample.body } : undefined;
          const h = { ...sample.headers };
          if (part === 'body') b![k] = value;
          else if (part === 'query') q[k] = typeof value === 'string' ? value : JSON.stringify(value);
          else h[k] = String(typeof value === 'string' ? value : JSON.stringify(value)).replace(/[^\x20-\x7e]/g, '?');
          const res = await sendWith(q, b, h);
          if (res.status < 300) return;
          const error = expectClientError(res, `${name} ${part}.${k}=${JSON.stringify(value)?.slice(0, 100)}`).error;
          if (error.code === 'validation_failed') {
            expect(
              error.field === k || error.field!.startsWith(`${k}.`),
              `${name}: ${part}.${k} → field ${error.field}`,
            ).toBe(true);
          }
        }),
        { numRuns: 15 },
      );
    }
  }, 120_000);
});
