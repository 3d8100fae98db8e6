import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, describe, expect, it } from 'vitest';
import { paddingChunks, streamFile } from './stream-file';

const servers: Server[] = [];
afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

async function serve(cutAfter: number | null, total: number): Promise<string> {
  const app = express();
  app.get('/', (_req, res) => void streamFile(res, paddingChunks(total, 0x61), cutAfter));
  const server = createServer(app).listen(0, '127.0.0.1');
  servers.push(server);
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

describe('paddingChunks', () => {
  it('yields exactly the requested bytes in blocks', () => {
    const chunks = [...paddingChunks(150_000)];
    expect(chunks.reduce((n, c) => n + c.length, 0)).toBe(150_000);
    expect(chunks.length).toBe(3);
    expect([...paddingChunks(0)]).toEqual([]);
  });
});

describe('streamFile', () => {
  it('sends the whole stream', async () => {
    const res = await fetch(await serve(null, 300_000));
    expect((await res.arrayBuffer()).byteLength).toBe(300_000);
  });

  it('destroys the connection after cutAfterBytes', async () => {
    const res = await fetch(await serve(1000, 300_000));
    await expect(res.arrayBuffer()).rejects.toThrow();
  });
});
