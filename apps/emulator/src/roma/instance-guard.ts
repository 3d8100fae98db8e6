import type { NextFunction, Request, Response } from 'express';
import { romaErrorCodes } from '@portico/api-types/upstream';
import type { ServiceContext } from '../context';
import { callerOf } from '../common/caller';
import { sendRomaError } from './errors';
import type { RomaState } from './state';

export type InstanceParams = { projectId: string; instanceId: string };

/** Path `project_id` must be the token's project; the instance must exist. */
export function instanceGuard(ctx: ServiceContext, state: RomaState) {
  return (req: Request<InstanceParams>, res: Response, next: NextFunction) => {
    const caller = callerOf(res);
    if (!caller || caller.projectId !== req.params.projectId) {
      sendRomaError(
        ctx,
        res,
        403,
        romaErrorCodes.noPermission,
        'No permission.',
        "The project in the path is not the token's project.",
      );
      return;
    }
    if (!Object.hasOwn(state.instances, req.params.instanceId)) {
      sendRomaError(
        ctx,
        res,
        404,
        romaErrorCodes.invalidParameters,
        'Instance not found.',
        `No instance ${req.params.instanceId}.`,
      );
      return;
    }
    next();
  };
}
