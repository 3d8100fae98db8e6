import type { Request, Response } from 'express';
import type { ListWorkflowsResponse, Workflow } from '@portico/api-types/upstream';
import { listWorkflowsQuerySchema } from '@portico/api-types/upstream';
import { sendInvalidParameter } from './errors';
import type { SecmasterState } from './state';

type Params = { projectId: string; workspaceId: string };

/** `GET …/soc/workflows`: filters, sorts and pages as the provider documents it. */
export function listWorkflows(state: SecmasterState) {
  return (req: Request<Params>, res: Response) => {
    // The provider lists `content-type` as required even on this GET; a BFF that omits it fails there.
    if (!req.get('content-type')) {
      sendInvalidParameter(res, 'The content-type header is required.');
      return;
    }
    const parsed = listWorkflowsQuerySchema.safeParse(req.query);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      sendInvalidParameter(res, `Invalid parameter: ${issue?.path.join('.') ?? 'query'}.`);
      return;
    }
    const q = parsed.data;
    const all = state.workspaces[req.params.workspaceId]?.workflows ?? [];
    let found = all.map((w): Workflow => ({ ...w.workflow, project_id: req.params.projectId }));
    if (q.enabled !== undefined) found = found.filter((w) => String(w.enabled) === q.enabled);
    if (q.aop_type !== undefined) found = found.filter((w) => w.aop_type === q.aop_type);
    if (q.name) {
      const needle = q.name.toLowerCase();
      found = found.filter((w) => w.name.toLowerCase().includes(needle));
    }
    const key = q.sortby ?? 'create_time';
    const sign = (q.order ?? 'desc') === 'asc' ? 1 : -1;
    found.sort((a, b) => sign * String(a[key] ?? '').localeCompare(String(b[key] ?? '')));
    const body: ListWorkflowsResponse = {
      code: '00000000',
      message: '',
      success: true,
      total: found.length,
      offset: q.offset,
      limit: q.limit,
      data: found.slice(q.offset, q.offset + q.limit),
    };
    res.json(body);
  };
}
