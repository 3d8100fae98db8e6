import { Router } from 'express';
import { assetJobIdParamSchema, importAssetsOptionsSchema } from '@portico/api-types';
import type { Database } from '../../db/database';
import { abortOnClose } from '../../http/abort-on-close';
import { validate } from '../../http/validate';
import type { RomaClient } from '../../upstream/roma-client';
import { recordActivity } from '../activity/activity-log';
import { activityFailure, activityOf, failureSettlement } from '../activity/activity-of';
import { openActivity } from '../activity/pending-activity';
import { requireCapability, sessionOf } from '../session/session-middleware';
import { readAssetPackage } from './multipart-import';

export function createRomaRouter(deps: {
  db: Database;
  roma: RomaClient;
  importMaxBytes: number;
  /** The longest the browser may leave an upload silent while the BFF waits for its bytes. */
  importIdleMs: number;
}): Router {
  const router = Router();

  router.post('/assets/import', requireCapability('useOperations'), async (req, res) => {
    const options = validate(importAssetsOptionsSchema, req.query, 'query');
    const signal = abortOnClose(res);
    const base = activityOf(res, 'assets.import', '(unnamed)', undefined, { type: options.type });
    // The rest of a refused upload is not worth reading: close the connection after answering.
    const refuse = (e: unknown) => {
      res.setHeader('connection', 'close');
      return e;
    };
    let pkg;
    try {
      pkg = await readAssetPackage(req, deps.importMaxBytes, deps.importIdleMs);
    } catch (e) {
      // Refused before anything reached ROMA: one failure entry.
      await recordActivity(deps.db, activityFailure(base, e));
      throw refuse(e);
    }
    // Pending before the upload starts upstream (the database away: 503, nothing sent).
    let entry;
    try {
      entry = await openActivity(deps.db, { ...base, target: pkg.fileName });
    } catch (e) {
      pkg.body.destroy();
      throw refuse(e);
    }
    let result;
    try {
      // Whichever comes first: ROMA's answer, or a 413/415 met while the body still streams.
      result = await Promise.race([
        deps.roma.importAssets(sessionOf(res), options, pkg.body, pkg.contentType, signal),
        pkg.failure,
      ]);
    } catch (e) {
      await entry.settle(failureSettlement(e));
      throw refuse(e);
    }
    // A settle the database cannot take is queued: the job id is still the user's answer.
    await entry.settle({ outcome: 'success', details: { type: options.type, job_id: result.job_id } });
    res.json({ job_id: result.job_id });
  });

  router.get('/assets/jobs/:job_id', requireCapability('useOperations'), async (req, res) => {
    const { job_id } = validate(assetJobIdParamSchema, req.params, 'job_id');
    res.json(await deps.roma.getJob(sessionOf(res), job_id, abortOnClose(res)));
  });

  return router;
}
