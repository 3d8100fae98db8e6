import express, { Router } from 'express';
import type { NextFunction, Request, Response } from 'express';
import {
  iamSubjectTokenHeader,
  iamTokenRequestSchema,
  upstreamPaths,
  type IamProjectsResponse,
  type IamTokenResponse,
} from '@portico/api-types/upstream';
import type { ServiceContext } from '../context';
import { sendIamError } from './errors';
import type { IamState } from './state';
import { iamTime, newTokenString, pruneExpired } from './tokens';

const wrongCredentials = 'The username or password is wrong.';

export function iamRoutes(ctx: ServiceContext, state: IamState): Router {
  const router = Router();

  router.post(
    upstreamPaths.iam.tokens(),
    acceptUtf8Alias,
    express.json({ limit: '64kb', type: () => true }),
    (req, res) => {
      const parsed = iamTokenRequestSchema.safeParse(req.body);
      if (!parsed.success) {
        const where = parsed.error.issues[0]?.path.join('.') ?? 'body';
        sendIamError(res, 400, `The request body is invalid: ${where}.`);
        return;
      }
      const { identity, scope } = parsed.data.auth;
      const { name, password, domain } = identity.password.user;
      const user = state.users.find((u) => u.name === name);
      if (domain.name !== state.domain.name || !user || !user.enabled || user.password !== password) {
        sendIamError(res, 401, wrongCredentials);
        return;
      }
      const wanted = scope.project;
      const project = state.projects.find((p) => ('id' in wanted ? p.id === wanted.id : p.name === wanted.name));
      if (!project) {
        sendIamError(res, 401, 'The project in the scope does not exist or is not accessible.');
        return;
      }
      const now = ctx.now();
      pruneExpired(state, now);
      const token = newTokenString();
      const issued = {
        userId: user.id,
        projectId: project.id,
        methods: identity.methods,
        issuedAt: now,
        expiresAt: now + ctx.config.tokenTtlMs,
      };
      state.tokens[token] = issued;
      ctx.markDirty();
      const domainRef = { id: state.domain.id, name: state.domain.name };
      const body: IamTokenResponse = {
        token: {
          expires_at: iamTime(issued.expiresAt),
          issued_at: iamTime(issued.issuedAt),
          methods: issued.methods,
          catalog: [
            {
              type: 'dataartsinsight',
              name: 'dataartsinsight',
              endpoints: [{ region: project.name, interface: 'public' }],
            },
            { type: 'secmaster', name: 'secmaster', endpoints: [{ region: project.name, interface: 'public' }] },
            { type: 'roma', name: 'roma', endpoints: [{ region: project.name, interface: 'public' }] },
          ],
          roles: user.roles,
          project: { id: project.id, name: project.name, domain: domainRef },
          user: { id: user.id, name: user.name, domain: domainRef, password_expires_at: '' },
        },
      };
      res.status(201).set(iamSubjectTokenHeader, token).json(body);
    },
  );

  router.get(upstreamPaths.iam.projects(), (req, res) => {
    const name = typeof req.query.name === 'string' ? req.query.name : undefined;
    const body: IamProjectsResponse = {
      projects: state.projects
        .filter((p) => name === undefined || p.name === name)
        .map((p) => ({ id: p.id, name: p.name, domain_id: state.domain.id, enabled: true })),
    };
    res.json(body);
  });

  router.use(upstreamPaths.iam.tokens(), (err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (err && typeof err === 'object' && 'type' in err && err.type === 'entity.parse.failed') {
      sendIamError(res, 400, 'The request body is not valid JSON.');
      return;
    }
    next(err);
  });
  return router;
}

/**
 * IAM documents `Content-Type: application/json;charset=utf8`; body-parser only knows `utf-8`,
 * so the alias is normalised before parsing, as the real service accepts it.
 */
function acceptUtf8Alias(req: Request, _res: Response, next: NextFunction): void {
  const type = req.headers['content-type'];
  if (type) req.headers['content-type'] = type.replace(/charset=utf8\b/i, 'charset=utf-8');
  next();
}
