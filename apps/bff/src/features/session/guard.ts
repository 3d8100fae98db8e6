import type { RequestHandler } from 'express';
import type { Capability } from '@portico/api-types';
import { requireCsrf } from '../../http/csrf';
import { requireCapability, requireSession } from './session-middleware';

/** `requireSession`, `requireCsrf` (state changes only) and `requireCapability` as one handler. */
export function guard(capability: Capability): RequestHandler {
  const cap = requireCapability(capability);
  return (req, res, next) => {
    requireSession(req, res, (e?: unknown) => {
      if (e) return next(e);
      requireCsrf(req, res, (e2?: unknown) => {
        if (e2) return next(e2);
        cap(req, res, next);
      });
    });
  };
}
