import { Router } from 'express';
import { assetJobIdParamSchema, importAssetsOptionsSchema } from '@portico/api-types';
import type { Database } from '../../db/database';
import { abortOnClose } from '../../http/abort-on-close';
import { validate } from '../../http/validate';
import type { RomaClient } from '../../upstream/roma-client';
import { recordActivity } from '../activity/activity-log';
import { activityFailure, activityOf } from '../activity/activity-of';
import { requireCapability, sessionOf } from '../session/session-middleware';
import { readAssetPackage } from './multipart-import';

export function createRomaRouter(deps: { db: Database; roma: RomaClient; importMaxBytes: number }): Router {
  const router = Router();

  router.post('/assets/import', requireCapability('useOperations'), async (req, res) => {
    const options = validate(importAssetsOptionsSchema, req.query, 'query');
    const signal = abortOnClose(res);
    let pending = activityOf(res, 'assets.import', '(unnamed)', undefined, { type: options.type });
    try {
      const pkg = await readAssetPackage(req, deps.importMaxBytes);
      pending = { ...pending, target: pkg.fileName };
      // Whichever comes first: ROMA's answer, or a 413/415 met while the body still streams.
      const result = await Promise.race([
        deps.roma.importAssets(sessionOf(res), options, pkg.body, pkg.contentType, signal),
        pkg.failure,
      ]);
      await recordActivity(deps.db, { ...pending, outcome: 'success', details: { type: options.type, job_id: result.job_id } });
      res.json({ job_id: result.job_id });
    } catch (e) {
      await recordActivity(deps.db, activityFailure(pending, e));
      // The rest of a refused upload is not worth reading: close the connection after answering.
      res.setHeader('connection', 'close');
      throw e;
    }
  });

  router.get('/assets/jobs/:job_id', requireCapability('useOperations'), async (req, res) => {
    const { job_id } = validate(assetJobIdParamSchema, req.params, 'job_id');
    res.json(await deps.roma.getJob(sessionOf(res), job_id, abortOnClose(res)));
  });

  return router;
}
