import { Router } from 'express';
import { exportWorkflowsBodySchema, listWorkflowsBffQuerySchema, type ListWorkflowsResult } from '@portico/api-types';
import type { Database } from '../../db/database';
import { abortOnClose } from '../../http/abort-on-close';
import { validate } from '../../http/validate';
import type { SecmasterClient } from '../../upstream/secmaster-client';
import { activityOf } from '../activity/activity-of';
import { relayLoggedExport } from '../activity/logged-export';
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
    await relayLoggedExport(
      deps.db,
      res,
      activityOf(res, 'workflows.export', body.id.join(','), undefined, { count: body.id.length }),
      () => deps.secmaster.exportWorkflows(sessionOf(res), body, abortOnClose(res)),
      { fallbackName: 'workflow.json', idleMs: deps.secmaster.timeoutMs },
    );
  });

  return router;
}
