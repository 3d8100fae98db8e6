import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import express, { Router, type Express } from 'express';
import type { Logger } from 'pino';
import { auditLimitsFromEnv } from './config/audit-limits';
import type { Env } from './config/env';
import type { UpstreamConfig } from './config/upstream-config';
import type { Database } from './db/database';
import { createActivityRouter } from './features/activity/activity-router';
import { createInsightRouter } from './features/insight/insight-router';
import { createRomaRouter } from './features/roma/roma-router';
import { createSecmasterRouter } from './features/secmaster/secmaster-router';
import { createAuditsRouter } from './features/audits/router';
import { recordActivity } from './features/activity/activity-log';
import { activitySettles } from './features/activity/pending-activity';
import { guard } from './features/session/guard';
import { loadSession, requireSession, sessionOf } from './features/session/session-middleware';
import { createSessionRouter } from './features/session/session-router';
import { createSessionStore } from './features/session/session-store';
import { createSigninLimiter } from './features/session/signin-limiter';
import { checkOrigin, requireCsrf } from './http/csrf';
import { errorMiddleware, notFound } from './http/error-middleware';
import { answerJsonLean } from './http/json-answer';
import './http/locals';
import { requestLog } from './http/logger';
import { requestId } from './http/request-id';
import { methodNotAllowed } from './http/route-table';
import { securityHeaders } from './http/security-headers';
import { createIamClient } from './upstream/iam-client';
import { createInsightClient } from './upstream/insight-client';
import { createRomaClient } from './upstream/roma-client';
import { createSecmasterClient } from './upstream/secmaster-client';

export interface AppDeps {
  db: Database;
  logger: Logger;
  env: Env;
  upstream: UpstreamConfig;
  /** For tests: the clock of sessions and rate limits. */
  now?: () => Date;
}

/** The BFF as an Express app (no `listen`): `/api/*`, then the built web app when present. */
export function createApp(deps: AppDeps): Express {
  const { db, env, logger, upstream } = deps;
  const sessions = createSessionStore(db, env.SESSION_IDLE_TIMEOUT_MS, deps.now);
  const limiter = createSigninLimiter(
    db,
    { user: env.SIGNIN_MAX_FAILURES, ip: env.SIGNIN_MAX_FAILURES_PER_ADDRESS },
    env.SIGNIN_WINDOW_MS,
    deps.now,
  );
  const insight = createInsightClient(upstream);
  const secmaster = createSecmasterClient(upstream);
  const roma = createRomaClient(upstream);
  const iam = createIamClient(upstream);

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // Behind reverse proxies, the client's address (sign-in limits) and https (HSTS, the cookie's
  // Secure) come from the X-Forwarded headers of the proxies named here, and from no one else.
  if (env.TRUST_PROXY !== undefined) app.set('trust proxy', env.TRUST_PROXY);
  // API answers are never cached (`no-store`), so an ETag (a SHA-1 of every JSON body) buys
  // nothing; without it a small body is also written with its headers in one write. Static
  // files keep theirs (serve-static sets its own).
  app.set('etag', false);
  answerJsonLean(app);
  app.use(requestId, requestLog(logger), securityHeaders({ publicOrigin: env.PUBLIC_ORIGIN }));

  // Every `/api` route sits in this one router, mounted once: each mount rewrites the request's
  // URL on the way in and out (and its path is parsed again), which a proxied read paid four
  // times when the checks and the audits were mounted at `/api` apart.
  const api = Router();
  api.use(checkOrigin(env.PUBLIC_ORIGIN), loadSession(sessions, env.PUBLIC_ORIGIN));
  // ---- Audits (engineer A): /audits…, /policy; its own JSON parser, so before the one below ----
  api.use(
    createAuditsRouter({
      db,
      insight,
      guard,
      actor: (res) => {
        const s = sessionOf(res);
        return { name: s.user.name, role: s.roles[0], token: s.token, projectId: s.projectId };
      },
      record: (entry) => recordActivity(db, entry),
      settle: (id, settlement) => activitySettles(db).settle(id, settlement),
      requestId: (res) => res.locals.requestId,
      limits: auditLimitsFromEnv(env),
      now: deps.now,
    }),
  );

  api.use(express.json({ limit: env.JSON_BODY_MAX_BYTES }));
  api.use(
    '/session',
    createSessionRouter({
      db,
      store: sessions,
      limiter,
      iam,
      projectId: upstream.projectId,
      roleMap: env.ROLE_MAP,
      defaultRole: env.DEFAULT_ROLE,
      publicOrigin: env.PUBLIC_ORIGIN,
    }),
  );
  // Everything below needs a live session, and a CSRF token when it changes state.
  api.use(requireSession, requireCsrf);
  api.use('/insight', createInsightRouter({ db, insight, defaultWorkspaceId: upstream.insightWorkspaceId }));
  api.use('/secmaster', createSecmasterRouter({ db, secmaster }));
  api.use(
    '/roma',
    createRomaRouter({ db, roma, importMaxBytes: env.IMPORT_MAX_BYTES, importIdleMs: env.IMPORT_IDLE_TIMEOUT_MS }),
  );
  api.use(createActivityRouter(db));
  api.use(methodNotAllowed(app), notFound);
  app.use('/api', api);

  const webDist = resolve(env.WEB_DIST_DIR);
  if (existsSync(resolve(webDist, 'index.html'))) {
    app.use(express.static(webDist, { index: false }));
    // SPA fallback: any other GET outside /api is the app's own route.
    app.get(/^(?!\/api(\/|$)).*/, (_req, res) => res.sendFile(resolve(webDist, 'index.html')));
  }
  app.use(errorMiddleware(logger));
  return app;
}
