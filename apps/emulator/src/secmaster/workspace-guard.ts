import type { NextFunction, Request, Response } from 'express';
import { secmasterErrorCodes } from '@portico/api-types/upstream';
import { callerOf } from '../common/caller';
import { sendSecmasterError } from './errors';
import type { SecmasterState } from './state';

/**
 * Path `project_id` must be the token's project (the provider answers 403 otherwise) and the
 * workspace must exist (404 in SecMaster's own body).
 */
export function workspaceGuard(state: SecmasterState) {
  return (req: Request<{ projectId: string; workspaceId: string }>, res: Response, next: NextFunction) => {
    const caller = callerOf(res);
    if (!caller || caller.projectId !== req.params.projectId) {
      sendSecmasterError(res, 403, 'SecMaster.20010403', "The project in the path is not the token's project.");
      return;
    }
    if (!Object.hasOwn(state.workspaces, req.params.workspaceId)) {
      sendSecmasterError(res, 404, secmasterErrorCodes.workspaceNotFound, 'Workspace not found.');
      return;
    }
    next();
  };
}
