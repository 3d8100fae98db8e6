import net, { type AddressInfo, type Socket } from 'node:net';

/**
 * A TCP relay to `target` that a test can take down and bring back: `down()` cuts every open
 * connection and resets new ones, as when the database server goes away; `up()` relays again.
 */
export async function startTcpProxy(target: { host: string; port: number }) {
  const open = new Set<Socket>();
  let isDown = false;
  const server = net.createServer((client) => {
    if (isDown) {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    const pair = [client, upstream];
    for (const s of pair) {
      open.add(s);
      s.on('error', () => undefined);
      s.on('close', () => {
        open.delete(s);
        for (const other of pair) other.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    /** Open relayed sockets, both sides counted. */
    get connections() {
      return open.size;
    },
    down() {
      isDown = true;
      for (const s of open) s.resetAndDestroy();
    },
    up() {
      isDown = false;
    },
    async close() {
      for (const s of open) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
export type TcpProxy = Awaited<ReturnType<typeof startTcpProxy>>;

/** `url` with its host and port replaced by the proxy's. */
export function viaProxy(url: string, proxy: TcpProxy): string {
  const u = new URL(url);
  u.hostname = '127.0.0.1';
  u.port = String(proxy.port);
  return u.toString();
}
