import { Router, type NextFunction, type Request, type Response } from 'express';
import { insightErrorCodes } from '@portico/api-types/upstream';
import { sendInsightError } from './errors';
import type { ServiceContext } from '../context';
import { mountExportRoute } from './export-resource-package';
import { projectGuard, workspaceGuard } from './guards';
import { buildIndexes } from './indexes';
import { mountListRoutes } from './list-routes';
import { mountPropertiesRoutes } from './properties-routes';
import type { InsightState } from './state';

export function insightRoutes(ctx: ServiceContext, state: InsightState): Router {
  const router = Router();
  const indexes = buildIndexes(state);
  const workspace = workspaceGuard(state);
  mountListRoutes(router, state, indexes, { project: projectGuard, workspace });
  mountPropertiesRoutes(router, ctx, state, indexes, [projectGuard, workspace]);
  mountExportRoute(router, ctx, state, indexes, [projectGuard, workspace]);
  // Malformed JSON answers in Insight's own body; scoped to Insight's paths so later routers keep theirs.
  router.use('/v1', (err: unknown, req: Request, res: Response, next: NextFunction) => {
    const isParse = err && typeof err === 'object' && 'type' in err && err.type === 'entity.parse.failed';
    if (isParse && !/^\/[^/]+\/workspaces\/[^/]+\/soc(\/|$)/.test(req.path)) {
      sendInsightError(res, 400, insightErrorCodes.invalidParameter, 'The request body is not valid JSON.');
      return;
    }
    next(err);
  });
  return router;
}
