import type { Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** The server's open connections, for a shutdown that lets requests in flight finish. */
export interface ConnectionDrain {
  /**
   * Closes the connections that have nothing left to do: kept alive between requests, or done.
   * Holds off while a response has ended but its last bytes still wait to be written.
   */
  closeIdle(): void;
  /** Resolves once every connection open now has emitted 'close'. */
  allClosed(): Promise<void>;
}

/**
 * Node's own `server.closeIdleConnections()` counts a connection idle as soon as its response
 * has *ended*, even while the end of the body still waits in the socket's queue for a slow
 * reader (a download's last 256 KiB, say): it destroys the socket and the reader gets a cut
 * body (Node 20). `server.close()` calls it too. So the server's method is replaced by one that
 * waits while any response is in that state. That costs nothing: the server cannot close before
 * that response is written anyway, and the next sweep closes the rest.
 */
export function trackConnections(server: Server): ConnectionDrain {
  // Each connection with the last response it was given, if any.
  const connections = new Map<Socket, ServerResponse | undefined>();
  server.on('connection', (socket: Socket) => {
    connections.set(socket, undefined);
    socket.once('close', () => connections.delete(socket));
  });
  server.on('request', (req, res) => {
    if (connections.has(req.socket)) connections.set(req.socket, res);
  });
  const writing = (res: ServerResponse | undefined) =>
    !!res && res.writableEnded && !res.writableFinished && !res.destroyed;
  const closeIdleConnections = server.closeIdleConnections.bind(server);
  server.closeIdleConnections = () => {
    for (const res of connections.values()) if (writing(res)) return;
    closeIdleConnections();
  };
  return {
    closeIdle: () => server.closeIdleConnections(),
    async allClosed() {
      await Promise.all(
        [...connections.keys()].map((socket) => new Promise((resolve) => socket.once('close', resolve))),
      );
    },
  };
}
