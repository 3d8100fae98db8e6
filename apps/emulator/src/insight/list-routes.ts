import type { Request, Response, Router } from 'express';
import {
  listConnectionsQuerySchema,
  listDashboardsQuerySchema,
  listDatasetsQuerySchema,
  listWorkspacesQuerySchema,
  insightErrorCodes,
  type ListConnectionsResponse,
  type ListDashboardsResponse,
  type ListDatasetsResponse,
  type ListWorkspacesResponse,
} from '@portico/api-types/upstream';
import { sendInsightError, sendInvalidParameter } from './errors';
import { workspaceOf } from './guards';
import type { InsightIndexes } from './indexes';
import { pageOf } from './paging';
import type { InsightState } from './state';

/** The documented list APIs: workspaces, dashboards/screens, connections, datasets. */
export function mountListRoutes(
  router: Router,
  state: InsightState,
  indexes: InsightIndexes,
  guards: {
    project: (req: Request, res: Response, next: () => void) => void;
    workspace: (req: Request, res: Response, next: () => void) => void;
  },
): void {
  router.get('/v1/:projectId/instances/:instanceId/workspaces', guards.project, (req, res) => {
    if (req.params.instanceId !== state.instanceId) {
      sendInsightError(
        res,
        404,
        insightErrorCodes.resourceNotFound,
        `Instance does not exist: ${req.params.instanceId}.`,
      );
      return;
    }
    const q = listWorkspacesQuerySchema.safeParse(req.query);
    if (!q.success) return sendInvalidParameter(res, q.error);
    const { count, items } = pageOf(state.workspaces, q.data);
    const body: ListWorkspacesResponse = { count, page_data: items };
    res.json(body);
  });

  for (const kind of ['dashboard', 'screen'] as const) {
    router.get(`/v1/:projectId/resources/${kind}`, guards.project, guards.workspace, (req, res) => {
      const q = listDashboardsQuerySchema.safeParse(req.query);
      if (!q.success) return sendInvalidParameter(res, q.error);
      const sorted = indexes.sorted(workspaceOf(res), kind, q.data.sort_key ?? 'update_date');
      const desc = (q.data.sort_dir ?? (q.data.sort_key ? 'asc' : 'desc')) === 'desc';
      const { count, items } = pageOf(sorted, { ...q.data, desc });
      const body: ListDashboardsResponse = {
        count,
        page_data: items.map((r) => ({
          id: r.id,
          name: r.name,
          create_user_name: r.create_user_name,
          create_date: r.create_date,
          update_user_name: r.update_user_name,
          update_date: r.update_date,
          status: r.status,
        })),
      };
      res.json(body);
    });
  }

  router.get('/v1/:projectId/connections', guards.project, guards.workspace, (req, res) => {
    const q = listConnectionsQuerySchema.safeParse(req.query);
    if (!q.success) return sendInvalidParameter(res, q.error);
    const { count, items } = pageOf(indexes.sorted(workspaceOf(res), 'datasource', 'name'), q.data);
    const body: ListConnectionsResponse = {
      count,
      page_data: items.map((r) => ({
        id: r.id,
        name: r.name,
        type: r.kind,
        creation_user_name: r.create_user_name,
        creation_date: r.create_date,
        update_user_name: r.update_user_name,
        update_date: r.update_date,
        description: r.description,
      })),
    };
    res.json(body);
  });

  router.get('/v1/:projectId/datasets', guards.project, guards.workspace, (req, res) => {
    const q = listDatasetsQuerySchema.safeParse(req.query);
    if (!q.success) return sendInvalidParameter(res, q.error);
    const sorted = indexes.sorted(workspaceOf(res), 'dataset', q.data.sort_key ?? 'name');
    const { count, items } = pageOf(sorted, { ...q.data, desc: q.data.sort_dir === 'desc' });
    const body: ListDatasetsResponse = {
      count,
      page_data: items.map((r) => ({
        id: r.id,
        name: r.name,
        type: r.kind === 'sql' ? 'sql' : 'table',
        description: r.description,
        project_id: state.projectId,
        create_user: r.create_user,
        create_user_name: r.create_user_name,
        create_date: r.create_date,
        update_user_name: r.update_user_name,
        update_date: r.update_date,
      })),
    };
    res.json(body);
  });
}
