import type { NextFunction, Request, Response } from 'express';
import { insightErrorCodes, workspaceIdHeader } from '@portico/api-types/upstream';
import { callerOf } from '../common/caller';
import { sendInsightError } from './errors';
import type { InsightState } from './state';

/** Path `project_id` must be the token's project. */
export function projectGuard(req: Request, res: Response, next: NextFunction): void {
  const projectId = req.params.projectId;
  const caller = callerOf(res);
  if (!caller || caller.projectId !== projectId) {
    sendInsightError(res, 403, insightErrorCodes.iamPermission, "The project in the path is not the token's project.");
    return;
  }
  next();
}

/** `X-Workspace-Id` is required and must name an existing workspace (`res.locals.workspaceId`). */
export function workspaceGuard(state: InsightState) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const id = req.get(workspaceIdHeader);
    if (!id) {
      sendInsightError(res, 400, insightErrorCodes.invalidParameter, 'The X-Workspace-Id header is required.');
      return;
    }
    if (!state.workspaces.some((w) => w.id === id)) {
      sendInsightError(res, 400, insightErrorCodes.workspaceNotFound, `Workspace does not exist: ${id}.`);
      return;
    }
    res.locals.workspaceId = id;
    next();
  };
}

export function workspaceOf(res: Response): string {
  return String(res.locals.workspaceId);
}
