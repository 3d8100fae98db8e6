import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { csrfHeader } from '@portico/api-types';
import { HttpError } from './http-error';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The origin this request was addressed to, as the browser would spell it. */
function ownOrigin(req: Request, publicOrigin?: string): string {
  return publicOrigin ?? `${req.protocol}://${req.get('host') ?? ''}`;
}

/** A present `Origin` must be our own (also for sign-in, which has no session yet). */
export function checkOrigin(publicOrigin?: string): RequestHandler {
  return (req, _res, next) => {
    const origin = req.get('origin');
    if (safeMethods.has(req.method) || origin === undefined) return next();
    if (origin !== ownOrigin(req, publicOrigin)) {
      return next(new HttpError(403, 'origin_rejected', 'Cross-origin request refused'));
    }
    next();
  };
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** State-changing requests of a session must echo its `csrf_token` in `x-csrf-token`. */
export const requireCsrf: RequestHandler = (req, res, next) => {
  if (safeMethods.has(req.method)) return next();
  const sent = req.get(csrfHeader);
  const expected = res.locals.session?.csrfToken as string | undefined;
  if (!sent || !expected || !same(sent, expected)) {
    return next(new HttpError(403, 'csrf_failed', `Missing or wrong ${csrfHeader} header`));
  }
  next();
};
