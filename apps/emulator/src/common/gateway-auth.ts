import type { NextFunction, Request, Response } from 'express';
import { authTokenHeader, upstreamPaths } from '@portico/api-types/upstream';
import type { ServiceContext } from '../context';
import type { IamState } from '../iam/state';
import { verifyToken } from '../iam/tokens';
import { setCaller } from './caller';
import { requestIdOf } from './request-id';

const reasons = {
  missing: 'Incorrect IAM authentication information: x-auth-token not found',
  unknown: 'Incorrect IAM authentication information: verification failed',
  expired: 'Incorrect IAM authentication information: token expired',
} as const;

/** The API gateway: every route but sign-in needs a valid `X-Auth-Token`. */
export function gatewayAuth(ctx: ServiceContext, iam: IamState) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method === 'POST' && req.path === upstreamPaths.iam.tokens()) {
      next();
      return;
    }
    const check = verifyToken(iam, req.get(authTokenHeader), ctx.now());
    if (!check.ok) {
      res
        .status(401)
        .json({ error_code: 'APIGW.0301', error_msg: reasons[check.reason], request_id: requestIdOf(res) });
      return;
    }
    setCaller(res, check.caller);
    next();
  };
}

/** Routes no service owns answer like the gateway does. */
export function gatewayNotFound(_req: Request, res: Response): void {
  res.status(404).json({
    error_code: 'APIGW.0101',
    error_msg: 'The API does not exist or has not been published in the environment',
    request_id: requestIdOf(res),
  });
}
