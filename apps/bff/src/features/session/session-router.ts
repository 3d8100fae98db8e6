import { Router } from 'express';
import { signInRequestSchema, type Role } from '@portico/api-types';
import type { Database } from '../../db/database';
import { requireCsrf } from '../../http/csrf';
import { HttpError } from '../../http/http-error';
import { validate } from '../../http/validate';
import type { IamClient } from '../../upstream/iam-client';
import { UpstreamError } from '../../upstream/upstream-error';
import { recordActivity } from '../activity/activity-log';
import { sessionIdOf, setSessionCookie } from './session-cookie';
import { requireSession, sessionOf, toSessionView } from './session-middleware';
import type { SessionStore } from './session-store';
import { signinKeys, type SigninLimiter } from './signin-limiter';

export interface SessionRouterDeps {
  db: Database;
  store: SessionStore;
  limiter: SigninLimiter;
  iam: IamClient;
  projectId: string;
  roleMap: Record<string, Role>;
  defaultRole: Role;
  /** Where browsers reach us (`PUBLIC_ORIGIN`): decides the cookie profile behind a TLS proxy. */
  publicOrigin?: string;
}

export function createSessionRouter(deps: SessionRouterDeps): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const body = validate(signInRequestSchema, req.body, 'body');
    const key = signinKeys(body.domain, body.username, req.ip ?? '');
    const keys = [key.pair, key.address];
    const activity = {
      user: body.username,
      operation: 'session.sign_in' as const,
      target: `${body.domain}/${body.username}`,
      request_id: res.locals.requestId,
    };
    const waitMs = await deps.limiter.retryAfterMs(keys);
    if (waitMs > 0) {
      await recordActivity(deps.db, { ...activity, outcome: 'failure', error_code: 'rate_limited' });
      res.setHeader('retry-after', String(Math.ceil(waitMs / 1000)));
      throw new HttpError(429, 'rate_limited', 'Too many failed sign-ins; try again later');
    }
    let issued;
    try {
      issued = await deps.iam.issueToken(body.domain, body.username, body.password);
    } catch (e) {
      const refused = e instanceof UpstreamError && e.kind === 'http' && e.status >= 400 && e.status < 500;
      if (refused) await deps.limiter.recordFailure(keys);
      await recordActivity(deps.db, {
        ...activity,
        outcome: 'failure',
        error_code: refused ? 'invalid_credentials' : 'upstream_error',
      });
      if (refused)
        throw new HttpError(401, 'invalid_credentials', 'Wrong account, user name or password', undefined, e.detail);
      throw e;
    }
    await deps.limiter.reset([key.pair]);
    // Rotation: whatever session the browser held before (or an id planted in it) ends here.
    const previous = sessionIdOf(req, deps.publicOrigin);
    if (previous) await deps.store.delete(previous);
    const role = deps.roleMap[issued.body.user.name] ?? deps.defaultRole;
    const session = await deps.store.create({
      user: { id: issued.body.user.id, name: issued.body.user.name, domain: issued.body.user.domain.name },
      roles: [role],
      projectId: issued.body.project.id || deps.projectId,
      token: issued.token,
      expiresAt: new Date(issued.body.expires_at),
    });
    await recordActivity(deps.db, { ...activity, user: session.user.name, role, outcome: 'success' });
    setSessionCookie(req, res, session.id, session.expiresAt, deps.publicOrigin);
    res.status(201).json(toSessionView(session));
  });

  router.get('/', requireSession, (_req, res) => {
    res.json(toSessionView(sessionOf(res)));
  });

  router.delete('/', requireSession, requireCsrf, async (req, res) => {
    const s = sessionOf(res);
    await deps.store.delete(s.id);
    await recordActivity(deps.db, {
      user: s.user.name,
      role: s.roles[0],
      operation: 'session.sign_out',
      target: `${s.user.domain}/${s.user.name}`,
      outcome: 'success',
      request_id: res.locals.requestId,
    });
    setSessionCookie(req, res, '', new Date(0), deps.publicOrigin);
    res.status(204).end();
  });

  return router;
}
