import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PacedPool, parseHead, requestBytes, type Outcome } from './paced-client';

describe('requestBytes', () => {
  it('is a GET of the path and query with the host and the given headers, kept alive', () => {
    const bytes = requestBytes({
      url: 'http://127.0.0.1:8080/a/b?x=1&y=2',
      headers: { cookie: 's=1', 'x-csrf-token': 't' },
    });
    expect(bytes.toString('latin1')).toBe(
      'GET /a/b?x=1&y=2 HTTP/1.1\r\nhost: 127.0.0.1:8080\r\ncookie: s=1\r\nx-csrf-token: t\r\nconnection: keep-alive\r\n\r\n',
    );
  });

  it('refuses anything but plain HTTP', () => {
    expect(() => requestBytes({ url: 'https://example.test/', headers: {} })).toThrow(/plain HTTP/);
  });
});

describe('parseHead', () => {
  const head = (text: string) => parseHead(Buffer.from(text, 'latin1'));

  it('waits for the blank line', () => {
    expect(head('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n')).toBeUndefined();
  });

  it('reads the status, the body length, Connection and Keep-Alive', () => {
    const text =
      'HTTP/1.1 503 Service Unavailable\r\nContent-Length: 17\r\nConnection: close\r\nKeep-Alive: timeout=7\r\n\r\n';
    expect(head(`${text}{"error":"busy"}`)).toEqual({
      status: 503,
      headLength: text.length,
      bodyLength: 17,
      close: true,
      keepAliveMs: 7000,
    });
  });

  it('refuses answers it could not frame', () => {
    expect(() => head('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n')).toThrow(/transfer-encoding/);
    expect(() => head('HTTP/1.1 200 OK\r\nX: y\r\n\r\n')).toThrow(/Content-Length/);
    expect(() => head('HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n')).toThrow(/Content-Length/);
    expect(() => head('SSH-2.0-OpenSSH\r\n\r\n')).toThrow(/not an HTTP/);
  });
});

describe('PacedPool', () => {
  let server: http.Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
    server = undefined;
  });

  /** A server answering with `answer`, counting the connections it accepted. */
  async function serve(
    answer: (req: http.IncomingMessage, res: http.ServerResponse, n: number) => void,
    keepAliveMs = 5000,
  ) {
    let n = 0;
    const stats = { connections: 0, requests: [] as { url?: string; headers: http.IncomingHttpHeaders }[] };
    server = http.createServer((req, res) => {
      stats.requests.push({ url: req.url, headers: req.headers });
      answer(req, res, n++);
    });
    server.keepAliveTimeout = keepAliveMs;
    server.on('connection', () => stats.connections++);
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/p?q=1`;
    return { url, stats };
  }

  const json = (res: http.ServerResponse, status = 200, extra: Record<string, string> = {}) => {
    const body = JSON.stringify({ ok: status === 200, pad: 'x'.repeat(3000) });
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...extra });
    res.end(body);
  };

  const sendAll = (pool: PacedPool, count: number) =>
    Promise.all(Array.from({ length: count }, () => new Promise<Outcome>((r) => pool.send(r))));

  it('sends many requests over at most its connections, waiting its turn when all are busy', async () => {
    const { url, stats } = await serve((_req, res) => setTimeout(() => json(res), 5));
    const pool = new PacedPool({ url, headers: { 'x-test': 'a' } }, 3);
    expect(await sendAll(pool, 30)).toEqual(Array(30).fill(undefined));
    expect(stats.connections).toBe(3);
    expect(stats.requests[0]).toMatchObject({ url: '/p?q=1', headers: { 'x-test': 'a' } });
    pool.close();
  });

  it('says what a request met when it got no 200', async () => {
    const { url } = await serve((_req, res, n) => json(res, n === 1 ? 503 : 200));
    const pool = new PacedPool({ url, headers: {} }, 1);
    expect(await sendAll(pool, 3)).toEqual([undefined, 'status 503', undefined]);
    pool.close();
  });

  it('opens a new connection after an answer that closes its own', async () => {
    const { url, stats } = await serve((_req, res, n) => json(res, 200, n % 2 === 0 ? { connection: 'close' } : {}));
    const pool = new PacedPool({ url, headers: {} }, 1);
    expect(await sendAll(pool, 4)).toEqual(Array(4).fill(undefined));
    expect(stats.connections).toBe(2 + 1);
    pool.close();
  });

  it('fails the request in flight when the server drops its connection, and goes on on a new one', async () => {
    const { url, stats } = await serve((req, res, n) => (n === 1 ? req.socket.destroy() : json(res)));
    const pool = new PacedPool({ url, headers: {} }, 1);
    const outcomes = await sendAll(pool, 3);
    expect(outcomes[0]).toBeUndefined();
    expect(outcomes[1]).toMatch(/closed by the server|ECONNRESET/);
    expect(outcomes[2]).toBeUndefined();
    expect(stats.connections).toBe(2);
    pool.close();
  });

  it('fails a request that gets no answer in time, and goes on on a new connection', async () => {
    const { url, stats } = await serve((_req, res, n) => (n === 0 ? undefined : json(res)));
    const pool = new PacedPool({ url, headers: {} }, 1, 200);
    expect(await sendAll(pool, 2)).toEqual(['no answer within 0.2 s', undefined]);
    expect(stats.connections).toBe(2);
    pool.close();
  });

  it('does not reuse a connection idle for about as long as the server keeps one (the keep-alive race)', async () => {
    // The server keeps idle connections 2 s (Keep-Alive: timeout=2); the pool reuses one idle
    // under a second, opens a new one after.
    const { url, stats } = await serve((_req, res) => json(res), 2000);
    const pool = new PacedPool({ url, headers: {} }, 1);
    const once = () => new Promise<Outcome>((r) => pool.send(r));
    expect(await once()).toBeUndefined();
    await new Promise((r) => setTimeout(r, 200));
    expect(await once()).toBeUndefined();
    expect(stats.connections).toBe(1);
    await new Promise((r) => setTimeout(r, 1200));
    expect(await once()).toBeUndefined();
    expect(stats.connections).toBe(2);
    pool.close();
  });
});
