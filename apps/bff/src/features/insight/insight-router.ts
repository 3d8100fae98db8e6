import { Router, type Request } from 'express';
import {
  exportResourcePackageBodySchema,
  getPermissionsQuerySchema,
  listResourcesQuerySchema,
  savePermissionsRequestSchema,
  unknownSwitches,
  type ListResourcesResult,
  type ResourceSummary,
  type ListWorkspacesResult,
} from '@portico/api-types';
import type { Database } from '../../db/database';
import { HttpError } from '../../http/http-error';
import { validate } from '../../http/validate';
import type { InsightClient } from '../../upstream/insight-client';
import { requireCapability, sessionOf } from '../session/session-middleware';
import { abortOnClose } from '../../http/abort-on-close';
import { activityOf } from '../activity/activity-of';
import { relayLoggedExport } from '../activity/logged-export';
import { savePermissions } from './save-permissions';
import { workspaceOf } from './workspace-of';

export interface InsightRouterDeps {
  db: Database;
  insight: InsightClient;
  defaultWorkspaceId: string;
}

export function createInsightRouter(deps: InsightRouterDeps): Router {
  const router = Router();
  const { insight } = deps;
  const ws = (req: Request) => workspaceOf(req, deps.defaultWorkspaceId);

  router.get('/workspaces', requireCapability('readPermissions'), async (_req, res) => {
    const page = await insight.listWorkspaces(sessionOf(res), { offset: 0, limit: 1000 }, abortOnClose(res));
    const body: ListWorkspacesResult = {
      total: page.count,
      items: page.page_data.map((w) => ({
        id: w.id,
        name: w.name,
        ...(typeof w.description === 'string' ? { description: w.description } : {}),
        ...(typeof w.is_default === 'boolean' ? { is_default: w.is_default } : {}),
      })),
    };
    res.json(body);
  });

  router.get('/resources', requireCapability('readPermissions'), async (req, res) => {
    const q = validate(listResourcesQuerySchema, req.query, 'query');
    const page = await insight.listResources(
      sessionOf(res),
      ws(req),
      q.type,
      { offset: q.offset, limit: q.limit, ...(q.search ? { name: q.search } : {}) },
      abortOnClose(res),
    );
    const body: ListResourcesResult = {
      total: page.count,
      offset: q.offset,
      limit: q.limit,
      items: page.items.map((i) => listed(i, q.type)),
    };
    res.json(body);
  });

  router.get('/permissions', requireCapability('readPermissions'), async (req, res) => {
    const q = validate(getPermissionsQuerySchema, req.query, 'query');
    res.json(await insight.readPermissions(sessionOf(res), ws(req), q, abortOnClose(res)));
  });

  router.put('/permissions', requireCapability('editPermissions'), async (req, res) => {
    const body = validate(savePermissionsRequestSchema, req.body, 'body');
    const unknown = unknownSwitches(body.resource_type, body.auth_switch_config);
    if (unknown.length > 0) {
      const field = `auth_switch_config.${unknown[0]}`;
      throw new HttpError(400, 'validation_failed', `${field}: not a switch of ${body.resource_type}`, field);
    }
    res.json(await savePermissions({ db: deps.db, insight }, res, ws(req), body));
  });

  router.post('/resource-packages/export', requireCapability('useOperations'), async (req, res) => {
    const body = validate(exportResourcePackageBodySchema, req.body, 'body');
    const workspaceId = ws(req);
    await relayLoggedExport(
      deps.db,
      res,
      activityOf(res, 'resource_package.export', body.name, workspaceId, { resources: body.resources.length }),
      () => insight.exportResourcePackage(sessionOf(res), workspaceId, body, abortOnClose(res)),
      { fallbackName: 'resource-package.zip', idleMs: insight.timeoutMs },
    );
  });

  return router;
}

/**
 * One listed resource as the contract has it: its type and only the documented fields. Built
 * field by field, not as `{ ...pick(i), resource_type }`: a spread followed by a new property gives
 * each of up to 1 000 items a hidden class of its own (see serviceRequests).
 */
function listed(
  i: Record<string, unknown> & { id: string; name: string },
  type: ResourceSummary['resource_type'],
): ResourceSummary {
  const out: ResourceSummary = { id: i.id, name: i.name, resource_type: type };
  for (const k of ['create_user_name', 'update_user_name'] as const) if (typeof i[k] === 'string') out[k] = i[k];
  for (const k of ['create_date', 'update_date'] as const) if (typeof i[k] === 'number') out[k] = i[k];
  return out;
}
