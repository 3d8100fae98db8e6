import express, { Router } from 'express';
import type { NextFunction, Request, Response } from 'express';
import { romaErrorCodes } from '@portico/api-types/upstream';
import type { ServiceContext } from '../context';
import { downloadArchive } from './download-archive';
import { sendRomaError } from './errors';
import { exportAssets } from './export-assets';
import { getJob } from './get-job';
import { importAssets } from './import-assets';
import { instanceGuard } from './instance-guard';
import type { RomaState } from './state';

const base = '/v2/:projectId/instances/:instanceId/assets';

export function romaRoutes(ctx: ServiceContext, state: RomaState): Router {
  const router = Router();
  const guard = instanceGuard(ctx, state);
  // The upload streams: no body parser runs before it.
  router.post(`${base}/import`, guard, importAssets(ctx, state));
  router.post(`${base}/export`, guard, express.json({ limit: '1mb' }), exportAssets(ctx, state));
  router.get(`${base}/jobs/:jobId`, guard, getJob(ctx, state));
  router.get(`${base}/archives/:archiveId`, guard, downloadArchive(ctx, state));
  // Malformed JSON answers in ROMA's own body rather than express's HTML page.
  router.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (err && typeof err === 'object' && 'type' in err && err.type === 'entity.parse.failed') {
      sendRomaError(
        ctx,
        res,
        400,
        romaErrorCodes.invalidParameters,
        'Invalid parameters.',
        'The request body is not valid JSON.',
      );
      return;
    }
    next(err);
  });
  return router;
}
