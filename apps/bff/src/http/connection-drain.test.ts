import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { trackConnections, type ConnectionDrain } from './connection-drain';

/** The shutdown's sweep against real sockets: what it closes, and what it leaves to finish. */
let server: http.Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r) ?? r(undefined));
  server = undefined;
});

// More than loopback's socket buffers can hold (here up to 4 MiB to send and 32 MiB to receive),
// so most of the body stays queued in the server process behind a paused reader.
const bodyBytes = 64 * 1024 * 1024;

/** A server whose `/big` sends `size` bytes in one write and ends, `/small` a few bytes, `/held` nothing yet. */
async function start(size: number) {
  const ended: http.ServerResponse[] = [];
  const s = http.createServer((req, res) => {
    if (req.url === '/big') {
      res.end(Buffer.alloc(size, 7));
      ended.push(res);
    } else if (req.url === '/small') res.end('ok');
  });
  server = s;
  const drain = trackConnections(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return { port: (s.address() as AddressInfo).port, drain, ended, server: s };
}

/** One sweep closes the server's connections and the client's `socket` sees it. */
async function sweptShut(drain: ConnectionDrain, socket: Socket) {
  const clientClosed = new Promise((resolve) => socket.once('close', resolve));
  const closed = drain.allClosed();
  drain.closeIdle();
  await closed;
  await clientClosed;
}

/** A keep-alive GET whose reader pauses after the first chunk until `resume`. */
function get(port: number, path: string, agent: http.Agent, { pause = false } = {}) {
  let resume = () => {};
  const done = new Promise<{ bytes: number; complete: boolean; socket: Socket }>((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      let bytes = 0;
      if (pause) res.once('data', () => res.pause());
      res.on('data', (c: Buffer) => (bytes += c.length));
      const settle = () => resolve({ bytes, complete: res.complete, socket: req.socket! });
      res.on('end', settle);
      res.on('error', settle);
      resume = () => res.resume();
    });
    req.on('error', () => resolve({ bytes: 0, complete: false, socket: req.socket! }));
  });
  return { done, resume: () => resume() };
}

describe('trackConnections', () => {
  it('leaves a response that has ended but is still being written to its slow reader, then closes it once done', async () => {
    const { port, drain, ended } = await start(bodyBytes);
    const agent = new http.Agent({ keepAlive: true });
    const big = get(port, '/big', agent, { pause: true });
    await expect.poll(() => ended.length).toBe(1);
    // Ended, most of the body still queued behind the paused reader.
    expect(ended[0]!.writableEnded).toBe(true);
    expect(ended[0]!.writableFinished).toBe(false);
    drain.closeIdle();
    await new Promise((r) => setTimeout(r, 100));
    drain.closeIdle();
    big.resume();
    const got = await big.done;
    expect(got).toMatchObject({ bytes: bodyBytes, complete: true });
    // Written: the kept-alive connection is idle now, and the next sweep closes it.
    await expect.poll(() => ended[0]!.writableFinished).toBe(true);
    await sweptShut(drain, got.socket);
    agent.destroy();
  });

  it("leaves such a response when the server closes (Node's close sweeps idle connections too)", async () => {
    const { port, ended, server } = await start(bodyBytes);
    const big = get(port, '/big', new http.Agent({ keepAlive: true }), { pause: true });
    await expect.poll(() => ended.length).toBe(1);
    expect(ended[0]!.writableFinished).toBe(false);
    server.close();
    await new Promise((r) => setTimeout(r, 100));
    big.resume();
    expect(await big.done).toMatchObject({ bytes: bodyBytes, complete: true });
  });

  it('closes kept-alive connections between requests at once', async () => {
    const { port, drain } = await start(1);
    const agent = new http.Agent({ keepAlive: true });
    const got = await get(port, '/small', agent).done;
    expect(got).toMatchObject({ bytes: 2, complete: true });
    await sweptShut(drain, got.socket);
    agent.destroy();
  });

  it('leaves a connection whose response has not ended', async () => {
    const { port, drain } = await start(1);
    const agent = new http.Agent({ keepAlive: true });
    const held = new Promise<void>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/held', agent });
      req.on('socket', (socket) => socket.once('connect', () => setTimeout(resolve, 50)));
      req.on('error', reject);
    });
    await held;
    let closed = false;
    void drain.allClosed().then(() => (closed = true));
    drain.closeIdle();
    await new Promise((r) => setTimeout(r, 100));
    expect(closed).toBe(false);
    agent.destroy();
  });
});
