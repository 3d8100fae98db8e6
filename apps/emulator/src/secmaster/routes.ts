import express, { Router } from 'express';
import type { NextFunction, Request, Response } from 'express';
import type { ServiceContext } from '../context';
import { sendInvalidParameter } from './errors';
import { exportWorkflows } from './export-workflows';
import { importWorkflows } from './import-workflows';
import { listWorkflows } from './list-workflows';
import type { SecmasterState } from './state';
import { workspaceGuard } from './workspace-guard';

const base = '/v1/:projectId/workspaces/:workspaceId/soc/workflows';

/** Malformed JSON answers in SecMaster's own body rather than express's HTML page. */
function jsonErrors(err: unknown, _req: Request, res: Response, next: NextFunction) {
  if (err && typeof err === 'object' && 'type' in err && err.type === 'entity.parse.failed') {
    sendInvalidParameter(res, 'The request body is not valid JSON.');
    return;
  }
  next(err);
}

export function secmasterRoutes(ctx: ServiceContext, state: SecmasterState): Router {
  const router = Router();
  const guard = workspaceGuard(state);
  router.get(base, guard, listWorkflows(state));
  router.post(`${base}/export`, guard, express.json({ limit: '1mb' }), exportWorkflows(ctx, state));
  router.post(`${base}/import`, guard, importWorkflows(ctx, state));
  router.use(jsonErrors);
  return router;
}
