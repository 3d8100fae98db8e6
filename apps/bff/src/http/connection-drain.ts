import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** The server's open connections, for a shutdown that lets requests in flight finish. */
export interface ConnectionDrain {
  /**
   * Closes the connections that have nothing left to do: kept alive between requests, or done.
   * Holds off while any connection still has bytes queued to write.
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
 * waits while any connection has bytes queued (`writableLength`: what the kernel has not taken
 * yet). That costs nothing: the server cannot close before those bytes are written anyway, and
 * the next sweep closes the rest. Nothing is done per request.
 */
export function trackConnections(server: Server): ConnectionDrain {
  const connections = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    connections.add(socket);
    socket.once('close', () => connections.delete(socket));
  });
  const closeIdleConnections = server.closeIdleConnections.bind(server);
  server.closeIdleConnections = () => {
    for (const socket of connections) if (socket.writableLength > 0 && !socket.destroyed) return;
    closeIdleConnections();
  };
  return {
    closeIdle: () => server.closeIdleConnections(),
    async allClosed() {
      await Promise.all([...connections].map((socket) => new Promise((resolve) => socket.once('close', resolve))));
    },
  };
}
