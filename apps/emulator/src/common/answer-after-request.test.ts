import express from 'express';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerAfterRequest } from './answer-after-request';

/**
 * POSTs `chunks` pieces of 64 KiB, 10 ms apart, as the BFF sends an upload: on a connection of its
 * own, `Connection: close`. Answers the status, and whether every byte was written (no EPIPE).
 */
function slowUpload(url: string, chunks: number): Promise<{ status: number; body: string; wroteAll: boolean }> {
  return new Promise((resolve, reject) => {
    let wroteAll = false;
    const req = httpRequest(
      url,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/octet-stream' } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, wroteAll }));
      },
    );
    req.on('error', reject);
    void (async () => {
      for (let i = 0; i < chunks; i += 1) {
        if (!req.write(Buffer.alloc(64 * 1024, i))) await new Promise((r) => req.once('drain', r));
        await new Promise((r) => setTimeout(r, 10));
      }
      req.end(() => (wroteAll = true));
    })().catch(reject);
  });
}

describe('answerAfterRequest', () => {
  let server: Server;
  let url: string;
  let answeredAt = 0;
  beforeAll(async () => {
    const app = express();
    app.use(answerAfterRequest);
    // A refusal known before the body is read, as the gateway's 401 or the instance guard's 404.
    app.post('/refuse', (_req, res) => {
      answeredAt = Date.now();
      res.status(403).json({ error_code: 'ROMA.1006' });
    });
    app.post('/read', (req, res) => {
      let bytes = 0;
      req.on('data', (c: Buffer) => (bytes += c.length));
      req.on('end', () => res.json({ bytes }));
    });
    app.get('/read', (_req, res) => res.json({ ok: true }));
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('holds a refusal made at once until the upload ended, so a closing uploader gets it instead of EPIPE', async () => {
    const started = Date.now();
    const r = await slowUpload(`${url}/refuse`, 40);
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body)).toEqual({ error_code: 'ROMA.1006' });
    expect(r.wroteAll).toBe(true);
    // The handler answered at once; the answer left only once 40 pieces, 10 ms apart, were in.
    expect(answeredAt - started).toBeLessThan(300);
  });

  it('leaves answers to requests whose body was read, and to requests without one, as they are', async () => {
    const read = await slowUpload(`${url}/read`, 5);
    expect(read.status).toBe(200);
    expect(JSON.parse(read.body)).toEqual({ bytes: 5 * 64 * 1024 });
    const res = await fetch(`${url}/read`);
    expect(await res.json()).toEqual({ ok: true });
  });
});
