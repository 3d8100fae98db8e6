import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendUpstream, type UpstreamRequest } from '../upstream/upstream-request';

// The keep-alive race the soak met under load: the upstream closes an idle connection just as
// the BFF reuses it, and the request dies with ECONNRESET though the upstream never saw it.
// This upstream plays the race every time: a second request on a connection resets it.
let server: http.Server;
let base: string;
const seen = new WeakMap<Socket, number>();
let resets = 0;
let connections = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const n = (seen.get(req.socket) ?? 0) + 1;
    seen.set(req.socket, n);
    if (n > 1) {
      resets++;
      req.socket.resetAndDestroy();
      return;
    }
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
  });
  server.on('connection', () => connections++);
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const send = (extra: Partial<UpstreamRequest> = {}) =>
  sendUpstream({ service: 'insight', base, method: 'GET', path: '/x', headers: {}, timeoutMs: 2000, ...extra }).then(
    (res) => {
      res.resume();
      // Read to the end, then a turn of the loop: the connection is back in the pool, ready for reuse.
      return new Promise<number | undefined>((r) => res.on('end', () => setImmediate(() => r(res.statusCode))));
    },
  );

describe('a kept-alive connection reset as it is reused', () => {
  it('is retried once on a fresh connection, for reads and for saves', async () => {
    expect(await send()).toBe(200); // leaves a kept-alive connection in the pool
    const before = resets;
    expect(await send()).toBe(200);
    expect(resets - before).toBe(1);
    expect(await send()).toBe(200);
    expect(await send({ method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } })).toBe(200);
    expect(resets - before).toBe(2);
  });

  it('sends a streamed body on a connection of its own, never a reused one', async () => {
    expect(await send()).toBe(200);
    const [resetsBefore, connectionsBefore] = [resets, connections];
    expect(await send({ method: 'POST', body: Readable.from([Buffer.from('upload')]) })).toBe(200);
    expect(resets).toBe(resetsBefore);
    expect(connections).toBe(connectionsBefore + 1);
  });
});

describe('an upstream that resets every connection before answering', () => {
  it('gets a request at most twice (once more on a connection of its own), then the 502', async () => {
    let seenRequests = 0;
    const resetting = http.createServer((req) => {
      seenRequests++;
      req.socket.resetAndDestroy();
    });
    await new Promise<void>((r) => resetting.listen(0, '127.0.0.1', r));
    try {
      const outcome = await sendUpstream({
        service: 'insight',
        base: `http://127.0.0.1:${(resetting.address() as AddressInfo).port}`,
        method: 'POST',
        path: '/x',
        headers: { 'content-type': 'application/json' },
        body: '{"a":1}',
        timeoutMs: 2000,
      }).then(
        () => 'answered',
        (e: unknown) => e,
      );
      expect(outcome).toMatchObject({ kind: 'unreachable', status: 502, code: 'ECONNRESET' });
      expect(seenRequests).toBe(2);
    } finally {
      resetting.closeAllConnections();
      await new Promise<void>((r) => resetting.close(() => r()));
    }
  });
});
