import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { csrfHeader } from '@portico/api-types';
import { HttpError } from './http-error';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The origin this request was addressed to, as the browser would spell it. */
function ownOrigin(req: Request, publicOrigin?: string): string {
  return publicOrigin ?? `${req.protocol}://${req.get('host') ?? ''}`;
}

/** `Sec-Fetch-Site` values a browser sends for a request our own page (or the user) made. */
const ownSites = new Set(['same-origin', 'none']);

/**
 * State changes must come from our own origin: a present `Origin` must be ours, and without one
 * a browser's `Sec-Fetch-Site` must not say another site sent it. This also guards sign-in, which
 * has no session (and so no CSRF token) yet: a foreign page cannot sign the browser in to the
 * attacker's account (login CSRF). Clients that are not browsers send neither header.
 */
export function checkOrigin(publicOrigin?: string): RequestHandler {
  return (req, _res, next) => {
    if (safeMethods.has(req.method)) return next();
    const origin = req.get('origin');
    const site = req.get('sec-fetch-site');
    const foreign =
      origin !== undefined ? origin !== ownOrigin(req, publicOrigin) : site !== undefined && !ownSites.has(site);
    if (foreign) return next(new HttpError(403, 'origin_rejected', 'Cross-origin request refused'));
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
