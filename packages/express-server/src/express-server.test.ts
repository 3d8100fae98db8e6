import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createExpressServer } from './express-server';

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function listen(s: Server): Promise<string> {
  server = s;
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

describe('createExpressServer', () => {
  it('hands Express requests and responses that already have the prototypes it would set', async () => {
    const app = express();
    app.get('/x', (_req, res) => res.json({ ok: true }));
    const s = createExpressServer(app);
    const arrived: { req: boolean; res: boolean }[] = [];
    // Before Express's own listener: what the server built, before `app.handle` re-parents it.
    s.prependListener('request', (req: IncomingMessage, res) => {
      arrived.push({
        req: Object.getPrototypeOf(req) === app.request,
        res: Object.getPrototypeOf(res) === app.response,
      });
    });
    const url = await listen(s);
    await (await fetch(`${url}/x`)).arrayBuffer();
    await (await fetch(`${url}/x`)).arrayBuffer();
    expect(arrived).toEqual([
      { req: true, res: true },
      { req: true, res: true },
    ]);
  });

  it("keeps Express's request and response API and what the app adds to them", async () => {
    const app = express();
    (app.request as unknown as { greeting: () => string }).greeting = function (this: express.Request) {
      return `hello ${this.get('x-name')}`;
    };
    app.get('/hi', (req, res) => {
      res
        .status(201)
        .set('x-app', String(req.app === app))
        .json({
          text: (req as unknown as { greeting: () => string }).greeting(),
          query: req.query,
          path: req.path,
        });
    });
    const url = await listen(createExpressServer(app));
    const res = await fetch(`${url}/hi?a=1`, { headers: { 'x-name': 'ops' } });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-app')).toBe('true');
    expect(await res.json()).toEqual({ text: 'hello ops', query: { a: '1' }, path: '/hi' });
  });

  it("passes the server options through (the responses' stream buffer size)", async () => {
    const app = express();
    app.get('/hwm', (_req, res) => res.json({ hwm: res.writableHighWaterMark }));
    const url = await listen(createExpressServer(app, { highWaterMark: 256 * 1024 }));
    expect(await (await fetch(`${url}/hwm`)).json()).toEqual({ hwm: 256 * 1024 });
  });

  it('answers errors and unknown paths through the app as before', async () => {
    const app = express();
    app.get('/boom', () => {
      throw new Error('boom');
    });
    app.use(((err, _req, res, _next) => {
      res.status(500).json({ message: (err as Error).message });
    }) as express.ErrorRequestHandler);
    const url = await listen(createExpressServer(app));
    const boom = await fetch(`${url}/boom`);
    expect(boom.status).toBe(500);
    expect(await boom.json()).toEqual({ message: 'boom' });
    expect((await fetch(`${url}/nowhere`)).status).toBe(404);
  });
});
