import type { NextFunction, Request, Response } from 'express';
import { requestIdOf } from './request-id';
import { serviceErrorBody, serviceOfPath } from './service-errors';

function errorType(err: unknown): string | undefined {
  return err && typeof err === 'object' && 'type' in err && typeof err.type === 'string' ? err.type : undefined;
}

/** Last resort: body-parser failures and crashes answer in the owning service's JSON, never HTML. */
export function errorHandler(err: unknown, req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) {
    next(err);
    return;
  }
  const service = serviceOfPath(req.path) ?? 'insight';
  const type = errorType(err);
  if (type === 'entity.parse.failed') {
    res
      .status(400)
      .json(serviceErrorBody(service, 'invalid', 400, 'The request body is not valid JSON.', requestIdOf(res)));
    return;
  }
  if (type === 'entity.too.large') {
    res.status(413).json(serviceErrorBody(service, 'invalid', 413, 'The request body is too large.', requestIdOf(res)));
    return;
  }
  res.status(500).json(serviceErrorBody(service, 'internal', 500, 'Internal error.', requestIdOf(res)));
}
