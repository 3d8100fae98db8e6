import type { Response } from 'express';
import type { CallerIdentity } from '../context';

/** Where the API-gateway check leaves the caller for the service routers. */
export function setCaller(res: Response, caller: CallerIdentity): void {
  res.locals.caller = caller;
}

/**
 * The caller the core's API-gateway check established from `X-Auth-Token`. Undefined only when a
 * router runs without the gateway in front of it (unit tests of one service).
 */
export function callerOf(res: Response): CallerIdentity | undefined {
  const caller: unknown = res.locals.caller;
  return caller && typeof caller === 'object' ? (caller as CallerIdentity) : undefined;
}
