import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { requestIdHeader } from '@portico/api-types';

/** Gives every request an id (kept on `res.locals.requestId`), sent back as `x-request-id`. */
export const requestId: RequestHandler = (_req, res, next) => {
  // Never trust a browser-sent id: logs and the activity log must not be spoofable.
  const id = randomUUID();
  res.locals.requestId = id;
  res.setHeader(requestIdHeader, id);
  next();
};
