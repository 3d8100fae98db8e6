import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJsonAnswer } from './upstream-body';
import { requestPath, sendUpstream } from './upstream-request';

describe('requestPath', () => {
  it('joins the base path and the API path, and form-encodes the query, skipping undefined values', () => {
    expect(requestPath('', '/v1/p/x', { a: 'b c', 'k&': 'v=/?#', n: 3, t: true, u: undefined })).toBe(
      '/v1/p/x?a=b%20c&k%26=v%3D%2F%3F%23&n=3&t=true',
    );
    expect(requestPath('/gateway', '/v1/p/x')).toBe('/gateway/v1/p/x');
    expect(requestPath('', '/v1/p/x', {})).toBe('/v1/p/x');
  });
});

describe('sendUpstream', () => {
  let server: Server;
  let port: number;
  const seen: { url?: string; host?: string }[] = [];
  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      seen.push({ url: req.url, host: req.headers.host });
      res.setHeader('content-type', 'application/json');
      res.end('{"ok":true}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('sends the request line a configured base with a path (and a trailing slash) implies', async () => {
    for (const base of [`http://127.0.0.1:${port}`, `http://127.0.0.1:${port}/gateway/`]) {
      const res = await sendUpstream({
        service: 'insight',
        base,
        method: 'GET',
        path: '/v1/p%2Fq/properties',
        query: { resource_id: 'a b', resource_type: 'dashboard' },
        headers: {},
        timeoutMs: 2000,
      });
      expect(await readJsonAnswer(res, 'insight', { idleMs: 2000 })).toEqual({ ok: true });
    }
    expect(seen).toEqual([
      { url: '/v1/p%2Fq/properties?resource_id=a%20b&resource_type=dashboard', host: `127.0.0.1:${port}` },
      { url: '/gateway/v1/p%2Fq/properties?resource_id=a%20b&resource_type=dashboard', host: `127.0.0.1:${port}` },
    ]);
  });
});
