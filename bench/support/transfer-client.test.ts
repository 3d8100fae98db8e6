import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { transfer, transferHead } from './transfer-client';

describe('transferHead', () => {
  it('is the method, path and query, the host, the job headers, the body length, and one request', () => {
    const head = transferHead(
      {
        kind: 'transfer',
        url: 'http://127.0.0.1:81/v1/p/export?x=1',
        method: 'POST',
        headers: { 'x-auth-token': 't' },
      },
      42,
    );
    expect(head.toString('latin1')).toBe(
      'POST /v1/p/export?x=1 HTTP/1.1\r\nhost: 127.0.0.1:81\r\nx-auth-token: t\r\ncontent-length: 42\r\nconnection: close\r\n\r\n',
    );
  });

  it('refuses anything but plain HTTP', () => {
    expect(() => transferHead({ kind: 'transfer', url: 'https://x.test/', method: 'GET', headers: {} }, 0)).toThrow(
      /plain HTTP/,
    );
  });
});

describe('transfer', () => {
  let server: http.Server | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    if (server) {
      server.closeAllConnections();
      await new Promise((r) => server!.close(r));
      server = undefined;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  async function serve(handler: http.RequestListener): Promise<string> {
    server = http.createServer(handler);
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`;
  }

  it('streams a file up with its length and counts the answer', async () => {
    dir = mkdtempSync(join(tmpdir(), 'transfer-'));
    const file = join(dir, 'body.bin');
    writeFileSync(file, Buffer.alloc(3 * 1024 * 1024 + 5, 7));
    let received = 0;
    let length: string | undefined;
    const url = await serve((req, res) => {
      length = req.headers['content-length'];
      req.on('data', (c: Buffer) => (received += c.length));
      req.on('end', () => res.writeHead(202).end('{"job_id":"j-1"}'));
    });
    const r = await transfer({ kind: 'transfer', url, method: 'POST', headers: {}, bodyFile: file });
    expect(length).toBe(String(3 * 1024 * 1024 + 5));
    expect(received).toBe(3 * 1024 * 1024 + 5);
    expect(r).toMatchObject({
      status: 202,
      uploadBytes: 3 * 1024 * 1024 + 5,
      downloadBytes: 16,
      answer: '{"job_id":"j-1"}',
    });
    expect(r.seconds).toBeGreaterThan(0);
  });

  it('reads a download to its end', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200);
      for (let i = 0; i < 8; i++) res.write(Buffer.alloc(256 * 1024, i));
      res.end();
    });
    const r = await transfer({ kind: 'transfer', url, method: 'GET', headers: {} });
    expect(r).toMatchObject({ status: 200, uploadBytes: 0, downloadBytes: 2 * 1024 * 1024 });
  });

  it('fails when no byte moves for the stall time', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200);
      res.write('part of it'); // then nothing
    });
    const started = Date.now();
    await expect(transfer({ kind: 'transfer', url, method: 'GET', headers: {}, stallSeconds: 0.3 })).rejects.toThrow(
      'transfer stalled: no byte moved for 0.3 s (10 bytes read)',
    );
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('fails an upload the server stopped reading', async () => {
    dir = mkdtempSync(join(tmpdir(), 'transfer-'));
    const file = join(dir, 'body.bin');
    writeFileSync(file, Buffer.alloc(32 * 1024 * 1024));
    const url = await serve((req) => req.pause());
    await expect(
      transfer({ kind: 'transfer', url, method: 'POST', headers: {}, bodyFile: file, stallSeconds: 0.3 }),
    ).rejects.toThrow(/transfer stalled/);
  });

  /** An answer that never ends: one byte every 50 ms. */
  const dripping: http.RequestListener = (_req, res) => {
    res.writeHead(200);
    const drip = setInterval(() => res.write('.'), 50);
    res.on('close', () => clearInterval(drip));
  };

  it('fails a transfer that trickles past the deadline', async () => {
    const url = await serve(dripping);
    await expect(
      transfer({ kind: 'transfer', url, method: 'GET', headers: {}, stallSeconds: 1, deadlineSeconds: 0.5 }),
    ).rejects.toThrow(/transfer not done within 0.5 s \(\d+ bytes read\)/);
  });

  it('counts every byte read as progress: a download that keeps coming never stalls', async () => {
    const url = await serve(dripping);
    // Longer than the stall time in all, but never silent for as long: the deadline ends it.
    await expect(
      transfer({ kind: 'transfer', url, method: 'GET', headers: {}, stallSeconds: 0.3, deadlineSeconds: 1 }),
    ).rejects.toThrow(/transfer not done within 1 s/);
  });

  it('gives the answer a server sent before it read the whole upload', async () => {
    dir = mkdtempSync(join(tmpdir(), 'transfer-'));
    const file = join(dir, 'body.bin');
    writeFileSync(file, Buffer.alloc(64 * 1024 * 1024));
    const url = await serve((_req, res) => {
      res.writeHead(413, { connection: 'close' }).end('{"error_code":"ROMA.00110004"}');
    });
    const r = await transfer({ kind: 'transfer', url, method: 'POST', headers: {}, bodyFile: file });
    expect(r).toMatchObject({ status: 413, answer: '{"error_code":"ROMA.00110004"}' });
    expect(r.uploadBytes).toBeLessThan(64 * 1024 * 1024);
  });

  it('reads a head that arrives in pieces', async () => {
    const raw = net.createServer((socket) => {
      socket.once('data', () => {
        socket.write('HTTP/1.1 200 OK\r\nContent-Le');
        setTimeout(() => socket.write('ngth: 4\r\n\r'), 20);
        setTimeout(() => socket.end('\nabcd'), 40);
      });
    });
    await new Promise<void>((r) => raw.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(raw.address() as AddressInfo).port}/`;
      expect(await transfer({ kind: 'transfer', url, method: 'GET', headers: {} })).toMatchObject({
        status: 200,
        downloadBytes: 4,
        answer: 'abcd',
      });
    } finally {
      await new Promise((r) => raw.close(r));
    }
  });

  it('fails an answer cut short by the close', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('only this', () => res.socket?.end());
    });
    await expect(transfer({ kind: 'transfer', url, method: 'GET', headers: {} })).rejects.toThrow(
      'the server closed the connection after 9 body bytes',
    );
  });

  it('fails when the connection is refused', async () => {
    const url = await serve(() => {});
    server!.close();
    await new Promise((r) => setTimeout(r, 10));
    await expect(transfer({ kind: 'transfer', url, method: 'GET', headers: {} })).rejects.toThrow(/ECONNREFUSED/);
  });
});
