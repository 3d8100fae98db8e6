import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RawHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * A bare node:http server on an ephemeral port whose every request gets the current `answer`:
 * for answers no real upstream should give (headers then silence, a cut mid-body).
 */
export async function startRawUpstream() {
  let handler: RawHandler = (_req, res) => res.writeHead(404).end();
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    server,
    answer(h: RawHandler) {
      handler = h;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
export type RawUpstream = Awaited<ReturnType<typeof startRawUpstream>>;

/** Timers holding the process open (`setTimeout`s not yet fired nor cleared; unref'd ones excluded). */
export const pendingTimers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
