import type { Request, Response } from 'express';
import { exportWorkflowsRequestSchema, secmasterErrorCodes } from '@portico/api-types/upstream';
import type { ServiceContext } from '../context';
import { paddingChunks, streamFile } from '../common/stream-file';
import { sendInvalidParameter, sendSecmasterError } from './errors';
import type { SecmasterState, StoredWorkflow } from './state';
import { workflowDocument } from './workflow-document';

type Params = { projectId: string; workspaceId: string };

const invalidId = (res: Response) =>
  sendSecmasterError(res, 400, secmasterErrorCodes.invalidWorkflowId, 'Invalid playbook ID.');

/** `POST …/soc/workflows/export`: the chosen workflows as a `workflow.json` attachment. */
export function exportWorkflows(ctx: ServiceContext, state: SecmasterState) {
  return async (req: Request<Params>, res: Response) => {
    if (!req.is('application/json')) {
      sendInvalidParameter(res, 'content-type must be application/json;charset=UTF-8.');
      return;
    }
    const parsed = exportWorkflowsRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      invalidId(res);
      return;
    }
    const workflows = state.workspaces[req.params.workspaceId]?.workflows ?? [];
    const chosen: StoredWorkflow[] = [];
    for (const id of new Set(parsed.data.id)) {
      const found = workflows.find((w) => w.workflow.id === id);
      if (!found) {
        invalidId(res);
        return;
      }
      chosen.push(found);
    }
    const text = JSON.stringify(workflowDocument(chosen, req.params.projectId, ctx.now()), null, 2);
    const body = new TextEncoder().encode(text);
    const faults = ctx.faults();
    res.status(200);
    res.setHeader('Content-Type', 'application/octet-stream');
    res.setHeader('Content-Disposition', 'attachment;filename=workflow.json');
    // Trailing spaces keep the document valid JSON when the large-file fault pads it.
    function* chunks() {
      yield body;
      if (faults.largeFileBytes !== null) yield* paddingChunks(faults.largeFileBytes - body.length);
    }
    await streamFile(res, chunks(), faults.cutStreamAfterBytes);
  };
}
