import type { Socket } from 'node:net';
import type { SecureContext } from 'node:tls';
import { Agent, buildConnector, Client, type Dispatcher } from 'undici';

/**
 * The connections the BFF makes to upstreams, through undici (decision 0017). Every bound is the
 * caller's (`sendUpstream` times the wait for the headers, the readers each silence of the
 * body): undici's own header, body and connect timeouts are off.
 */
const unbounded = { headersTimeout: 0, bodyTimeout: 0 } as const;

/** Connectors by trusted CAs (`UPSTREAM_CA_FILE`); `undefined` is Node's own roots. */
const connectors = new Map<SecureContext | undefined, buildConnector.connector>();

function connectorFor(secureContext: SecureContext | undefined): buildConnector.connector {
  let c = connectors.get(secureContext);
  if (!c) {
    c = buildConnector({ secureContext, timeout: 0 });
    connectors.set(secureContext, c);
  }
  return c;
}

/** Kept-alive connections, one pool per origin, by trusted CAs. */
let pools = new Map<SecureContext | undefined, Agent>();

/** The dispatcher that reuses kept-alive connections to every origin. */
export function pooledConnections(secureContext: SecureContext | undefined): Dispatcher {
  let agent = pools.get(secureContext);
  if (!agent) {
    agent = new Agent({ ...unbounded, connect: connectorFor(secureContext) });
    pools.set(secureContext, agent);
  }
  return agent;
}

/**
 * A connection of its own for one request, closed once the request is done: for a streamed
 * body, which cannot be sent twice, and for the retry of a request whose kept-alive connection
 * was gone. `onSocket` sees the socket as it is made.
 */
export function connectionOfItsOwn(
  origin: string,
  secureContext: SecureContext | undefined,
  onSocket?: (socket: Socket) => void,
): Client {
  const connect = connectorFor(secureContext);
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
  const closing = [...pools.values()];
  pools = new Map();
  await Promise.all(closing.map((a) => a.close()));
}
