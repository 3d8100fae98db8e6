import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBffFixture, type BffFixture } from '../../testing/bff-fixture';
import { listen } from '../../testing/listen';
import { json, startRecordingUpstream, type RecordingUpstream } from '../../testing/recording-upstream';
import { signedInAgent } from '../../testing/signed-in-agent';

/**
 * A browser on a slow line takes far longer to send a package than the upstream timeout. The
 * timeout bounds the upstream's silence, not the browser's upload: an import still arriving is
 * not an upstream that fails to answer.
 */
const timeoutMs = 300;
const importPath = '/v2/proj-1/instances/roma-1/assets/import';

let up: RecordingUpstream;
let bff: BffFixture;
let server: Awaited<ReturnType<typeof listen>>;
let port: number;

beforeAll(async () => {
  up = await startRecordingUpstream();
  bff = await startBffFixture(up.url, {}, { timeoutMs });
  server = await listen(bff.app);
  port = Number(new URL(server.url).port);
});
afterAll(async () => {
  await server.close();
  await bff.close();
  await up.close();
});

/**
 * Posts a multipart import whose file arrives in `parts` pieces of `size` bytes, `gapMs` apart,
 * to the BFF on `to` (the first one unless told); `end: false` leaves the body unfinished.
 */
async function slowImport(
  headers: Record<string, string>,
  parts: number,
  gapMs: number,
  size = 1024,
  { to = port, end = true }: { to?: number; end?: boolean } = {},
) {
  const boundary = 'slow-upload-boundary';
  const req = http.request({
    host: '127.0.0.1',
    port: to,
    method: 'POST',
    path: '/api/roma/assets/import',
    headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  const answer = new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown }));
    });
    req.on('error', reject);
  });
  req.write(
    `--${boundary}\r\nContent-Disposition: form-data; name="ImportAssetRequestBody"; filename="slow.zip"\r\n` +
      `Content-Type: application/zip\r\n\r\nPK\x03\x04`,
  );
  for (let i = 0; i < parts; i++) {
    await sleep(gapMs);
    req.write(Buffer.alloc(size, i));
  }
  if (end) req.end(`\r\n--${boundary}--\r\n`);
  return answer;
}

describe('an import the browser sends slowly', () => {
  it('reaches ROMA whole and gets its job id, though the upload outlasts the upstream timeout', async () => {
    up.on('POST', importPath, json(200, { job_id: 'ff8080814dbd65d7014dbe0d84db0099' }));
    const { headers } = await signedInAgent(bff.app, 'demo-operator');
    const started = Date.now();
    const res = await slowImport(headers, 8, 150);
    expect(Date.now() - started).toBeGreaterThan(3 * timeoutMs);
    expect(res).toEqual({ status: 200, body: { job_id: 'ff8080814dbd65d7014dbe0d84db0099' } });
    expect(up.last().body.length).toBeGreaterThan(8 * 1024);
  });

  it('fails with 504 when ROMA stops taking the package mid-upload', async () => {
    // Headers read, body never: the sockets' buffers fill and the upload waits on ROMA.
    up.on('POST', importPath, () => undefined, { early: true });
    const { headers } = await signedInAgent(bff.app, 'demo-operator');
    const res = await slowImport(headers, 64, 0, 1024 * 1024);
    expect(res.status).toBe(504);
    expect(res.body).toMatchObject({ error: { code: 'upstream_timeout' } });
  });

  it('still fails with 504 when ROMA takes the whole package and then stays silent', async () => {
    up.on('POST', importPath, () => undefined);
    const { headers } = await signedInAgent(bff.app, 'demo-operator');
    const res = await slowImport(headers, 2, 50);
    expect(res.status).toBe(504);
    expect(res.body).toMatchObject({ error: { code: 'upstream_timeout' } });
  });
});

describe('a browser that goes silent mid-upload', () => {
  const idleMs = 300;
  let quick: BffFixture;
  let quickServer: Awaited<ReturnType<typeof listen>>;
  let quickPort: number;
  beforeAll(async () => {
    // The upstream timeout well above the browser's idle bound: only the browser's silence is timed here.
    quick = await startBffFixture(up.url, { IMPORT_IDLE_TIMEOUT_MS: String(idleMs) }, { timeoutMs: 5_000 });
    quickServer = await listen(quick.app);
    quickPort = Number(new URL(quickServer.url).port);
  });
  afterAll(async () => {
    await quickServer.close();
    await quick.close();
  });

  it('fails the import with 408 naming the field, cuts the request to ROMA and logs the failure', async () => {
    let cut!: Promise<boolean>;
    up.on(
      'POST',
      importPath,
      (_req, _res, raw) => {
        raw.resume();
        cut = new Promise((r) => raw.once('close', () => r(!raw.complete)));
      },
      { early: true },
    );
    const { agent, headers } = await signedInAgent(quick.app, 'demo-operator');
    const started = Date.now();
    const res = await slowImport(headers, 2, 10, 1024, { to: quickPort, end: false });
    expect(Date.now() - started).toBeGreaterThanOrEqual(idleMs - 20);
    expect(res).toMatchObject({
      status: 408,
      body: {
        error: {
          code: 'upload_stalled',
          field: 'ImportAssetRequestBody',
          message: `ImportAssetRequestBody: the browser sent nothing for ${idleMs} ms mid-upload`,
        },
      },
    });
    // ROMA never sees the end of a body the browser did not finish.
    expect(await cut).toBe(true);
    const log = await agent.get('/api/activity?operation=assets.import&resource=slow.zip');
    expect(log.body.items[0]).toMatchObject({ outcome: 'failure', error_code: 'upload_stalled' });
  });

  it('does not count the time ROMA holds the browser back', async () => {
    // ROMA reads nothing for three idle bounds, then everything: the BFF stops reading the
    // browser meanwhile (its buffers full), and the browser waits on it, silent.
    up.on(
      'POST',
      importPath,
      (_req, res, raw) => {
        raw.pause();
        setTimeout(() => {
          raw.resume();
          raw.once('end', () => json(200, { job_id: 'ff8080814dbd65d7014dbe0d84db0098' })(_req, res, raw));
        }, 3 * idleMs);
      },
      { early: true },
    );
    const { headers } = await signedInAgent(quick.app, 'demo-operator');
    const res = await slowImport(headers, 32, 0, 1024 * 1024, { to: quickPort });
    expect(res).toEqual({ status: 200, body: { job_id: 'ff8080814dbd65d7014dbe0d84db0098' } });
  });
});
