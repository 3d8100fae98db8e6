import { Router } from 'express';
import { exportWorkflowsBodySchema, listWorkflowsBffQuerySchema, type ListWorkflowsResult } from '@portico/api-types';
import type { Database } from '../../db/database';
import { abortOnClose } from '../../http/abort-on-close';
import { streamDownload } from '../../http/stream-download';
import { validate } from '../../http/validate';
import type { SecmasterClient } from '../../upstream/secmaster-client';
import { activityOf, failureSettlement } from '../activity/activity-of';
import { openActivity } from '../activity/pending-activity';
import { requireCapability, sessionOf } from '../session/session-middleware';

export function createSecmasterRouter(deps: { db: Database; secmaster: SecmasterClient }): Router {
  const router = Router();

  router.get('/workflows', requireCapability('useOperations'), async (req, res) => {
    const q = validate(listWorkflowsBffQuerySchema, req.query, 'query');
    const page = await deps.secmaster.listWorkflows(
      sessionOf(res),
      { offset: q.offset, limit: q.limit, ...(q.search ? { name: q.search } : {}) },
      abortOnClose(res),
    );
    const body: ListWorkflowsResult = { total: page.total, offset: q.offset, limit: q.limit, items: page.data };
    res.json(body);
  });

  router.post('/workflows/export', requireCapability('useOperations'), async (req, res) => {
    const body = validate(exportWorkflowsBodySchema, req.body, 'body');
    // Pending before the upstream call, success once the file starts, failure if it breaks (as
    // the resource-package export).
    const entry = await openActivity(deps.db, activityOf(res, 'workflows.export', body.id.join(','), undefined, { count: body.id.length }));
    let upstream;
    try {
      upstream = await deps.secmaster.exportWorkflows(sessionOf(res), body, abortOnClose(res));
    } catch (e) {
      await entry.settle(failureSettlement(e));
      throw e;
    }
    try {
      await entry.settle({ outcome: 'success' });
    } catch (e) {
      upstream.destroy();
      throw e;
    }
    try {
      await streamDownload(upstream, res, 'workflow.json', { idleMs: deps.secmaster.timeoutMs });
    } catch {
      await entry.settle({ outcome: 'failure', error_code: 'stream_interrupted' });
    }
  });

  return router;
}
