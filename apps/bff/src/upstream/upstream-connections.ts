import type { Socket } from 'node:net';
import type { SecureContext } from 'node:tls';
import { Agent, buildConnector, Client, type Dispatcher } from 'undici';

/**
 * The connections the BFF makes to upstreams, through undici (decision 0017). The bounds are the
 * caller's (`sendUpstream` times the wait for the headers, the readers each silence of the
 * body): undici's own header and body timeouts are off, and a connection (TLS included) that is
 * not made within the upstream timeout is given up. Without that bound, a request queued for a
 * connection that never comes (an upstream dropping packets) would wait on it for as long as the
 * system keeps trying, long after its own timeout had answered 504.
 */
const unbounded = { headersTimeout: 0, bodyTimeout: 0 } as const;

/** One value per pair of trusted CAs (`UPSTREAM_CA_FILE`; `undefined` is Node's own roots) and timeout. */
class BySecureContextAndTimeout<T> {
  private readonly values = new Map<SecureContext | undefined, Map<number, T>>();
  get(secureContext: SecureContext | undefined, timeoutMs: number, make: () => T): T {
    let byTimeout = this.values.get(secureContext);
    if (!byTimeout) this.values.set(secureContext, (byTimeout = new Map()));
    let value = byTimeout.get(timeoutMs);
    if (value === undefined) byTimeout.set(timeoutMs, (value = make()));
    return value;
  }
  all(): T[] {
    return [...this.values.values()].flatMap((m) => [...m.values()]);
  }
}

const connectors = new BySecureContextAndTimeout<buildConnector.connector>();
const connectorFor = (secureContext: SecureContext | undefined, timeoutMs: number) =>
  connectors.get(secureContext, timeoutMs, () => buildConnector({ secureContext, timeout: timeoutMs }));

/** Kept-alive connections, one pool per origin. */
let pools = new BySecureContextAndTimeout<Agent>();

/** The dispatcher that reuses kept-alive connections to every origin. */
export function pooledConnections(secureContext: SecureContext | undefined, timeoutMs: number): Dispatcher {
  return pools.get(
    secureContext,
    timeoutMs,
    () => new Agent({ ...unbounded, connect: connectorFor(secureContext, timeoutMs) }),
  );
}

/**
 * A connection of its own for one request, closed once the request is done: for a streamed
 * body, which cannot be sent twice, and for the retry of a request whose kept-alive connection
 * was gone. `onSocket` sees the socket as it is made.
 */
export function connectionOfItsOwn(
  origin: string,
  secureContext: SecureContext | undefined,
  timeoutMs: number,
  onSocket?: (socket: Socket) => void,
): Client {
  const connect = connectorFor(secureContext, timeoutMs);
  return new Client(origin, {
    ...unbounded,
    connect: onSocket
      ? (opts, cb) =>
          connect(opts, (...args) => {
            if (args[1]) onSocket(args[1]);
            cb(...args);
          })
      : connect,
  });
}

/**
 * Closes every kept-alive connection once its request is done; later requests open new ones.
 * For the socket-leak checks of the tests (an idle pooled connection is not a leak) and for
 * shutdown.
 */
export async function closeUpstreamConnections(): Promise<void> {
  const closing = pools.all();
  pools = new BySecureContextAndTimeout();
  await Promise.all(closing.map((a) => a.close()));
}
