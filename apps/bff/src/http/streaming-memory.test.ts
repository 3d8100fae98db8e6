import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBffFixture, type BffFixture } from '../testing/bff-fixture';
import { listen } from '../testing/listen';
import { multipartFile, multipartLength, testBoundary } from '../testing/multipart';
import { json, startRecordingUpstream, type RecordingUpstream } from '../testing/recording-upstream';
import { signedInAgent } from '../testing/signed-in-agent';
import { watchMemory } from '../testing/memory-watch';

const size = 200 * 1024 * 1024;
// The file passes through this one process three times (upstream, BFF, client): holding it
// anywhere would grow memory by at least its size.
const maxGrowth = 64 * 1024 * 1024;

let up: RecordingUpstream;
let bff: BffFixture;
let server: Awaited<ReturnType<typeof listen>>;
let headers: Record<string, string>;

beforeAll(async () => {
  up = await startRecordingUpstream();
  bff = await startBffFixture(up.url, { LOG_LEVEL: 'warn' }, { timeoutMs: 30_000 });
  server = await listen(bff.app);
  const op = await signedInAgent(bff.app, 'demo-operator');
  headers = op.headers;
});
afterAll(async () => {
  await server.close();
  await bff.close();
  await up.close();
});

describe('200 MiB through the BFF', () => {
  it('exports stream with flat memory', async () => {
    up.on('POST', '/v1/proj-1/resource-package/export', async (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': String(size) });
      const chunk = Buffer.alloc(256 * 1024, 3);
      for (let sent = 0; sent < size; sent += chunk.length) {
        if (!res.write(chunk)) await new Promise((r) => res.once('drain', r));
      }
      res.end();
    });
    const stop = watchMemory();
    const received = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${server.url}/api/insight/resource-packages/export`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
      });
      req.on('response', (res) => {
        expect(res.headers['content-length']).toBe(String(size));
        let n = 0;
        res.on('data', (c: Buffer) => (n += c.length));
        res.on('end', () => resolve(n));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(JSON.stringify({ name: 'big', resources: [{ resource_type: 'dashboard', resource_id: 'd' }] }));
    });
    const growth = stop();
    expect(received).toBe(size);
    expect(growth.rss).toBeLessThan(maxGrowth);
    expect(growth.arrayBuffers).toBeLessThan(maxGrowth);
  });

  it('imports stream with flat memory', async () => {
    up.on('POST', '/v2/proj-1/instances/roma-1/assets/import', json(200, { job_id: 'big-job' }), { discardBody: true });
    const stop = watchMemory();
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(`${server.url}/api/roma/assets/import`, {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': `multipart/form-data; boundary=${testBoundary}`,
          'content-length': String(multipartLength(size)),
        },
      });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      multipartFile({ size }).pipe(req);
    });
    const growth = stop();
    expect(answer).toEqual({ status: 200, body: '{"job_id":"big-job"}' });
    const upstreamBytes = up.last().bodyBytes;
    expect(upstreamBytes).toBeGreaterThan(size);
    expect(upstreamBytes).toBeLessThan(size + 1024);
    expect(growth.rss).toBeLessThan(maxGrowth);
    expect(growth.arrayBuffers).toBeLessThan(maxGrowth);
  });
});
