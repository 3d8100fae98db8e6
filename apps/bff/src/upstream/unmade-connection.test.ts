import { readFileSync } from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loopbackCertificatePath } from '../testing/raw-upstream';
import { upstreamOutcome } from '../testing/upstream-outcome';
import { trustedUpstreamContext } from './trusted-certificates';
import { UpstreamError } from './upstream-error';
import { sendUpstream } from './upstream-request';

const secureContext = trustedUpstreamContext(readFileSync(loopbackCertificatePath, 'utf8'));

/**
 * An upstream that takes the TCP connection and never says a word: its TLS handshake never ends.
 * A request waiting for that connection is answered 504 by its own timeout; the connection must
 * not outlive it, waiting for as long as the system would.
 */
let server: net.Server;
let base: string;
const connections: net.Socket[] = [];
beforeAll(async () => {
  server = net.createServer((socket) => {
    connections.push(socket);
    socket.resume();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `https://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
});
afterAll(async () => {
  for (const s of connections) s.destroy();
  await new Promise<void>((r) => server.close(() => r()));
});

/** Resolves when the BFF's end of `socket` is closed (the upstream sees its FIN or reset). */
const letGo = (socket: net.Socket) =>
  new Promise<void>((r) => {
    if (socket.readableEnded || socket.destroyed) return r();
    socket.once('end', () => r());
    socket.once('close', () => r());
  });

describe('a connection whose TLS handshake never ends', () => {
  it.each(['GET', 'POST'] as const)('%s: 504 within the timeout, and the connection is let go', async (method) => {
    const before = connections.length;
    const started = Date.now();
    const outcome = await upstreamOutcome(
      sendUpstream({
        service: 'insight',
        base,
        method,
        path: '/v1/p/x',
        headers: { 'content-type': 'application/json' },
        body: method === 'POST' ? '{}' : undefined,
        timeoutMs: 300,
        secureContext,
      }),
    );
    expect(outcome).toBeInstanceOf(UpstreamError);
    expect(outcome).toMatchObject({ kind: 'timeout', status: 504 });
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(connections.length).toBe(before + 1);
    const socket = connections.at(-1)!;
    const released = await Promise.race([
      letGo(socket).then(() => true),
      new Promise<boolean>((r) => setTimeout(() => r(false), 2_000)),
    ]);
    expect(released).toBe(true);
  });
});
