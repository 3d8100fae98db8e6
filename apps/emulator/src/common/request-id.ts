import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { upstreamRequestIdHeader } from '@portico/api-types/upstream';

/** Every answer carries `X-Request-Id` (32 hex), as the provider's gateway adds it. */
export function requestId(_req: Request, res: Response, next: NextFunction): void {
  const id = randomBytes(16).toString('hex');
  res.locals.requestId = id;
  res.set(upstreamRequestIdHeader, id);
  next();
}

export function requestIdOf(res: Response): string {
  const id: unknown = res.locals.requestId;
  return typeof id === 'string' ? id : '';
}
