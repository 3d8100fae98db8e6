import { createServer } from 'node:net';

/**
 * A port free on the loopback interface now, for a server started in another process (the e2e
 * stacks, the bench and the BFF's process tests start emulators and BFFs on it).
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
