import { readdirSync } from 'node:fs';
import http, { type Server } from 'node:http';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { closeUpstreamConnections } from '../upstream/upstream-connections';

export interface HandleCount {
  sockets: number;
  fds: number;
}

/** Live sockets of this process (`process._getActiveHandles`) and its open file descriptors. */
export function countHandles(): HandleCount {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  const sockets = handles.filter((h) => h instanceof net.Socket && !h.destroyed).length;
  return { sockets, fds: readdirSync('/proc/self/fd').length };
}

/**
 * Keep-alive pools hold sockets on purpose: idle ones are closed first (the upstream pools', the
 * global agent's and the `servers`'), so what is left open is in use or leaked.
 */
export function closeIdleSockets(servers: Server[]): void {
  // The upstream pools close each connection once its request is done.
  void closeUpstreamConnections();
  for (const list of Object.values(http.globalAgent.freeSockets)) for (const s of list ?? []) s.destroy();
  for (const s of servers) s.closeIdleConnections();
}

/**
 * Waits (up to `timeoutMs`) until sockets and descriptors are back to `baseline`, closing idle
 * keep-alive sockets as it goes; answers the last count (the caller asserts on it).
 */
export async function settleHandles(baseline: HandleCount, servers: Server[], timeoutMs = 5_000): Promise<HandleCount> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    closeIdleSockets(servers);
    await sleep(50);
    const now = countHandles();
    if ((now.sockets <= baseline.sockets && now.fds <= baseline.fds) || Date.now() > deadline) return now;
  }
}
