import { Router, type Request, type Response } from 'express';
import { serialize } from 'cookie';
import { signInRequestSchema, type Role } from '@portico/api-types';
import type { Database } from '../../db/database';
import { requireCsrf } from '../../http/csrf';
import { HttpError } from '../../http/http-error';
import { validate } from '../../http/validate';
import type { IamClient } from '../../upstream/iam-client';
import { UpstreamError } from '../../upstream/upstream-error';
import { recordActivity } from '../activity/activity-log';
import { requireSession, sessionCookieName, sessionOf, toSessionView } from './session-middleware';
import type { SessionStore } from './session-store';
import type { SigninLimiter } from './signin-limiter';

export interface SessionRouterDeps {
  db: Database;
  store: SessionStore;
  limiter: SigninLimiter;
  iam: IamClient;
  projectId: string;
  roleMap: Record<string, Role>;
  defaultRole: Role;
  /** Served over https behind a proxy: the cookie is `Secure` even if this hop is plain http. */
  secureCookies?: boolean;
}

function setCookie(req: Request, res: Response, value: string, expires: Date, secure = false) {
  res.append(
    'set-cookie',
    serialize(sessionCookieName, value, {
      httpOnly: true,
      sameSite: 'strict',
      secure: secure || req.secure,
      path: '/',
      expires,
    }),
  );
}

export function createSessionRouter(deps: SessionRouterDeps): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const body = validate(signInRequestSchema, req.body, 'body');
    const keys = [`user:${body.domain.toLowerCase()}/${body.username.toLowerCase()}`, `ip:${req.ip ?? ''}`];
    const activity = { user: body.username, operation: 'session.sign_in' as const, target: `${body.domain}/${body.username}`, request_id: res.locals.requestId };
    if (await deps.limiter.isBlocked(keys)) {
      await recordActivity(deps.db, { ...activity, outcome: 'failure', error_code: 'rate_limited' });
      throw new HttpError(429, 'rate_limited', 'Too many failed sign-ins; try again later');
    }
    let issued;
    try {
      issued = await deps.iam.issueToken(body.domain, body.username, body.password);
    } catch (e) {
      const refused = e instanceof UpstreamError && e.kind === 'http' && e.status >= 400 && e.status < 500;
      if (refused) await deps.limiter.recordFailure(keys);
      await recordActivity(deps.db, { ...activity, outcome: 'failure', error_code: refused ? 'invalid_credentials' : 'upstream_error' });
      if (refused) throw new HttpError(401, 'invalid_credentials', 'Wrong account, user name or password', undefined, e.detail);
      throw e;
    }
    await deps.limiter.reset([keys[0]!]);
    const role = deps.roleMap[issued.body.user.name] ?? deps.defaultRole;
    const session = await deps.store.create({
      user: { id: issued.body.user.id, name: issued.body.user.name, domain: issued.body.user.domain.name },
      roles: [role],
      projectId: issued.body.project.id || deps.projectId,
      token: issued.token,
      expiresAt: new Date(issued.body.expires_at),
    });
    await recordActivity(deps.db, { ...activity, user: session.user.name, role, outcome: 'success' });
    setCookie(req, res, session.id, session.expiresAt, deps.secureCookies);
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
    setCookie(req, res, '', new Date(0), deps.secureCookies);
    res.status(204).end();
  });

  return router;
}
