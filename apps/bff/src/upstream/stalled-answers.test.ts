import type { IncomingMessage, ServerResponse } from 'node:http';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { answerEverything, upstreamCalls } from '../testing/answering-upstream';
import { startBffFixture, type BffFixture } from '../testing/bff-fixture';
import { countHandles, settleHandles } from '../testing/open-handles';
import { pendingTimers, startRawUpstream, type RawUpstream } from '../testing/raw-upstream';
import { startRecordingUpstream, type RecordingUpstream } from '../testing/recording-upstream';
import { signedInAgent } from '../testing/signed-in-agent';
import { expectFileAnswer, notAFile, readJsonAnswer } from './upstream-body';
import { UpstreamError } from './upstream-error';
import { sendUpstream } from './upstream-request';

/**
 * Answers that send their headers and then stall: the headers timeout is over, so the body's
 * own idle bound must end the request — a 504 in the one error shape, never a request hung for
 * ever. A connection lost mid-body stays a 502 'connection lost mid-reply'.
 */
const idleMs = 200;
/** The idle bound plus slack for a loaded two-core machine; far below any hang. */
const boundMs = idleMs + 1_300;

let up: RawUpstream;
beforeAll(async () => {
  up = await startRawUpstream();
});
afterAll(() => up.close());

const get = () =>
  sendUpstream({ service: 'insight', base: up.url, method: 'GET', path: '/answer', headers: {}, timeoutMs: idleMs });

async function timed<T>(p: Promise<T>): Promise<{ value?: T; error?: unknown; ms: number }> {
  const started = Date.now();
  try {
    const value = await p;
    return { value, ms: Date.now() - started };
  } catch (error) {
    return { error, ms: Date.now() - started };
  }
}

/** Resolves when the upstream sees its side of the connection closed (the BFF let go). */
const closedBy = (res: ServerResponse) => new Promise<void>((r) => res.once('close', () => r()));

const jsonHead = (res: ServerResponse, extra: Record<string, string> = {}) => {
  res.writeHead(200, { 'content-type': 'application/json', ...extra });
  res.flushHeaders();
};

function expectTimeout(error: unknown, service: string, ms: number) {
  expect(error).toBeInstanceOf(UpstreamError);
  expect(error).toMatchObject({ kind: 'timeout', status: 504, service, code: 'timeout' });
  expect(ms).toBeGreaterThanOrEqual(idleMs - 20);
  expect(ms).toBeLessThan(boundMs);
}

describe('a JSON answer that stalls after its headers', () => {
  it('headers then nothing → UpstreamError timeout (504) within the idle bound; the connection is let go', async () => {
    let closed!: Promise<void>;
    up.answer((_req, res) => {
      closed = closedBy(res);
      jsonHead(res);
    });
    const res = await get();
    const got = await timed(readJsonAnswer(res, 'insight', { idleMs }));
    expectTimeout(got.error, 'insight', got.ms);
    expect((got.error as UpstreamError).message).toBe(`no reply data within ${idleMs} ms`);
    await closed;
  });

  it('half a body then nothing → the same 504', async () => {
    up.answer((_req, res) => {
      jsonHead(res);
      res.write('{"count": 1, "page_data": [');
    });
    const res = await get();
    const got = await timed(readJsonAnswer(res, 'insight', { idleMs }));
    expectTimeout(got.error, 'insight', got.ms);
  });

  it('a body that trickles for longer than the bound, never silent for it, is read whole', async () => {
    const parts = ['{"a"', ':', '[1,', '2,', '3]', '}'];
    up.answer((_req, res) => {
      jsonHead(res);
      let i = 0;
      const next = () => {
        const part = parts[i++]!;
        if (i === parts.length) res.end(part);
        else {
          res.write(part);
          setTimeout(next, idleMs / 2);
        }
      };
      next();
    });
    const res = await get();
    const got = await timed(readJsonAnswer(res, 'insight', { idleMs }));
    expect(got.error).toBeUndefined();
    expect(got.value).toEqual({ a: [1, 2, 3] });
    expect(got.ms).toBeGreaterThan(idleMs * 2);
  });

  for (const framing of ['content-length', 'chunked'] as const) {
    it(`a connection closed before the end (${framing}) is 502 'connection lost mid-reply', not a timeout`, async () => {
      up.answer((_req, res) => {
        jsonHead(res, framing === 'content-length' ? { 'content-length': '100' } : {});
        res.write('{"a":');
        setTimeout(() => res.socket?.destroy(), 20);
      });
      const res = await get();
      const got = await timed(readJsonAnswer(res, 'insight', { idleMs: 5_000 }));
      expect(got.error).toBeInstanceOf(UpstreamError);
      expect(got.error).toMatchObject({
        kind: 'unreachable',
        status: 502,
        code: 'network',
        message: 'connection lost mid-reply',
      });
      expect(got.ms).toBeLessThan(boundMs);
    });
  }

  it('clears its timer on success, on a refusal and on a lost connection, and leaks no socket', async () => {
    const baseline = countHandles();
    const scenarios: [string, (res: ServerResponse) => void, (got: { value?: unknown; error?: unknown }) => void][] = [
      [
        'success',
        (res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'),
        (got) => expect(got.value).toEqual({ ok: true }),
      ],
      [
        'too large mid-body',
        (res) => {
          jsonHead(res);
          res.write('{"items": [');
          res.write('"0123456789", "0123456789", "0123456789"');
        },
        (got) => expect(got.error).toMatchObject({ kind: 'contract', code: 'too_large' }),
      ],
      [
        'lost',
        (res) => {
          jsonHead(res);
          res.write('{"a":');
          setTimeout(() => res.socket?.destroy(), 20);
        },
        (got) => expect(got.error).toMatchObject({ kind: 'unreachable', message: 'connection lost mid-reply' }),
      ],
    ];
    for (const [name, answer, check] of scenarios) {
      up.answer((_req, res) => answer(res));
      const res = await get();
      const before = pendingTimers();
      // A long bound: a timer left behind would still be pending when counted.
      const got = await timed(readJsonAnswer(res, 'insight', { limit: 32, idleMs: 10_000 }));
      expect(pendingTimers(), name).toBeLessThan(before + 1);
      check(got);
    }
    const after = await settleHandles(baseline, [up.server]);
    expect(after.sockets).toBeLessThanOrEqual(baseline.sockets);
  });
});

describe('a file answer that stalls before its first byte', () => {
  it('headers then nothing → UpstreamError timeout (504) within the idle bound; the connection is let go', async () => {
    let closed!: Promise<void>;
    up.answer((_req, res) => {
      closed = closedBy(res);
      res.writeHead(200, { 'content-type': 'application/zip' });
      res.flushHeaders();
    });
    const res = await get();
    const before = pendingTimers();
    const got = await timed(expectFileAnswer(res, 'insight', notAFile.insight, idleMs));
    expectTimeout(got.error, 'insight', got.ms);
    expect((got.error as UpstreamError).message).toBe(`no file data within ${idleMs} ms`);
    expect(pendingTimers()).toBeLessThan(before + 1);
    await closed;
  });

  it('a first byte within the bound clears the timer and leaves the stream unread', async () => {
    up.answer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/zip' });
      res.flushHeaders();
      setTimeout(() => res.end('PK\x03\x04'), idleMs / 2);
    });
    const res = await get();
    const before = pendingTimers();
    const got = await timed(expectFileAnswer(res, 'insight', notAFile.insight, 10_000));
    expect(got.value).toBe(res);
    expect(pendingTimers()).toBeLessThan(before + 1);
    const chunks: Buffer[] = [];
    for await (const c of res) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString('latin1')).toBe('PK\x03\x04');
  });
});

describe('through the BFF (UPSTREAM_TIMEOUT_MS as the idle bound)', () => {
  let recording: RecordingUpstream;
  let bff: BffFixture;
  let admin: Awaited<ReturnType<typeof signedInAgent>>;
  const stall = (_req: unknown, res: ServerResponse, _raw: IncomingMessage) => {
    res.writeHead(201, { 'content-type': 'application/json', 'x-subject-token': 'tok-stalled' });
    res.flushHeaders();
  };

  beforeAll(async () => {
    recording = answerEverything(await startRecordingUpstream());
    bff = await startBffFixture(recording.url, {}, { timeoutMs: idleMs });
    admin = await signedInAgent(bff.app, 'demo-admin');
  });
  afterAll(async () => {
    await bff.close();
    await recording.close();
  });
  beforeEach(() => answerEverything(recording));

  it('an export whose file never starts → 504 upstream_timeout, no file started', async () => {
    const [method, path] = upstreamCalls.exportResourcePackage;
    recording.on(method, path, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/zip' });
      res.flushHeaders();
    });
    const got = await timed(
      admin.agent
        .post('/api/insight/resource-packages/export')
        .set('x-csrf-token', admin.csrf)
        .send({ name: 'p', resources: [{ resource_type: 'dashboard', resource_id: 'd1' }] })
        .then((r) => r),
    );
    const res = got.value!;
    expect(res.status).toBe(504);
    expect(res.body.error).toMatchObject({
      code: 'upstream_timeout',
      upstream: { service: 'insight', code: 'timeout' },
    });
    expect(res.headers['content-disposition']).toBeUndefined();
    expect(got.ms).toBeLessThan(boundMs);
  });

  it('a permissions read whose JSON body never comes → 504 upstream_timeout', async () => {
    const [method, path] = upstreamCalls.readPermissions;
    recording.on(method, path, (_req, res) => jsonHead(res));
    const got = await timed(
      admin.agent.get('/api/insight/permissions?resource_id=d1&resource_type=dashboard').then((r) => r),
    );
    expect(got.value!.status).toBe(504);
    expect(got.value!.body.error).toMatchObject({
      code: 'upstream_timeout',
      upstream: { service: 'insight', code: 'timeout' },
    });
    expect(got.ms).toBeLessThan(boundMs);
  });

  const exportsThatStall = [
    {
      name: 'an Insight resource package',
      call: upstreamCalls.exportResourcePackage,
      route: '/api/insight/resource-packages/export',
      body: { name: 'p', resources: [{ resource_type: 'dashboard', resource_id: 'd1' }] },
      operation: 'resource_package.export',
    },
    {
      name: 'SecMaster workflows',
      call: upstreamCalls.exportWorkflows,
      route: '/api/secmaster/workflows/export',
      body: { id: ['wf-1'] },
      operation: 'workflows.export',
    },
  ];
  for (const e of exportsThatStall) {
    it(`${e.name} whose file goes silent mid-way → the download is cut within the bound and its entry says stream_interrupted`, async () => {
      const [method, path] = e.call;
      recording.on(method, path, (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/zip', 'content-length': '100000' });
        res.write(Buffer.alloc(1000, 1));
      });
      const got = await timed(
        admin.agent
          .post(e.route)
          .set('x-csrf-token', admin.csrf)
          .send(e.body)
          .buffer(true)
          .then(
            (r) => r,
            (err: unknown) => err,
          ),
      );
      // The BFF destroys the browser's response: never a clean end for a 100 000-byte file.
      expect(got.value).toBeInstanceOf(Error);
      expect(got.ms).toBeLessThan(boundMs);
      const log = await admin.agent.get(`/api/activity?operation=${e.operation}&limit=1`);
      expect(log.body.items[0]).toMatchObject({
        operation: e.operation,
        outcome: 'failure',
        error_code: 'stream_interrupted',
      });
    });
  }

  it('a sign-in whose token body never comes → 504 upstream_timeout, no session', async () => {
    recording.on('POST', '/v3/auth/tokens', stall);
    const got = await timed(
      request(bff.app)
        .post('/api/session')
        .send({ domain: 'portico-demo', username: 'demo-admin', password: 'right-password' })
        .then((r) => r),
    );
    const res = got.value!;
    expect(res.status).toBe(504);
    expect(res.body.error).toMatchObject({ code: 'upstream_timeout', upstream: { service: 'iam', code: 'timeout' } });
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(got.ms).toBeLessThan(boundMs);
  });
});
