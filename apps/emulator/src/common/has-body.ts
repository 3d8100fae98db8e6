import type { IncomingMessage } from 'node:http';

/** Whether the request carries a body (a length above zero, or chunks), by its headers. */
export function hasBody(req: IncomingMessage): boolean {
  return Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
}
