import type { RequestHandler } from 'express';
import { can, type Capability, type Session } from '@portico/api-types';
import { HttpError } from '../../http/http-error';
import { sessionIdOf } from './session-cookie';
import type { ServerSession, SessionStore } from './session-store';

/**
 * Puts the live session (if any) on `res.locals.session`; never fails the request itself. An id
 * the store does not hold (forged, planted, signed out, expired) is never a session.
 */
export function loadSession(store: SessionStore, publicOrigin?: string): RequestHandler {
  return async (req, res, next) => {
    const id = sessionIdOf(req, publicOrigin);
    if (!id) return next();
    const found = await store.lookup(id);
    if (found.status === 'live') res.locals.session = found.session;
    else res.locals.sessionEnded = found.status;
    next();
  };
}

/** 401 without a live session: `session_expired` when a cookie named one that has ended. */
export const requireSession: RequestHandler = (_req, res, next) => {
  if (res.locals.session) return next();
  const ended = res.locals.sessionEnded as string | undefined;
  if (ended === 'expired' || ended === 'idle') {
    return next(new HttpError(401, 'session_expired', 'Your session has ended; sign in again'));
  }
  next(new HttpError(401, 'unauthenticated', 'Sign in first'));
};

/** 403 unless one of the session's roles has `capability` (checked after `requireSession`). */
export function requireCapability(capability: Capability): RequestHandler {
  return (_req, res, next) => {
    const session = res.locals.session;
    if (!session) return next(new HttpError(401, 'unauthenticated', 'Sign in first'));
    if (!can(session.roles, capability)) {
      return next(new HttpError(403, 'forbidden', `Your role may not ${capability}`));
    }
    next();
  };
}

/** The browser's view of a session: never the token. */
export function toSessionView(s: ServerSession): Session {
  return {
    user: s.user,
    roles: s.roles,
    project_id: s.projectId,
    expires_at: s.expiresAt.toISOString(),
    csrf_token: s.csrfToken,
  };
}

/** The session of a request that passed `requireSession`. */
export function sessionOf(res: { locals: Express.Locals }): ServerSession {
  const s = res.locals.session;
  if (!s) throw new HttpError(401, 'unauthenticated', 'Sign in first');
  return s;
}
