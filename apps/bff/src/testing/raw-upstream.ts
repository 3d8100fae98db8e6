import { readFileSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

export type RawHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** Where the self-signed certificate for 127.0.0.1 is (a CA of its own; for tests only, valid until 2126). */
export const loopbackCertificatePath = new URL('./tls/loopback-test-only.crt', import.meta.url);

const loopbackCertificate = () => ({
  key: readFileSync(new URL('./tls/loopback-test-only.key', import.meta.url)),
  cert: readFileSync(loopbackCertificatePath),
});

/**
 * A bare node:http server on an ephemeral port whose every request gets the current `answer`:
 * for answers no real upstream should give (headers then silence, a cut mid-body). With `https`,
 * served over TLS with a self-signed certificate (trusted through `trustedUpstreamContext`).
 */
export async function startRawUpstream(options: { https?: boolean } = {}) {
  let handler: RawHandler = (_req, res) => res.writeHead(404).end();
  const answer: RawHandler = (req, res) => handler(req, res);
  const server = options.https ? https.createServer(loopbackCertificate(), answer) : http.createServer(answer);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `${options.https ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`,
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
