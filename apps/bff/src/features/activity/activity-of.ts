import type { Response } from 'express';
import type { ActivityOperation } from '@portico/api-types';
import { HttpError } from '../../http/http-error';
import { UpstreamError } from '../../upstream/upstream-error';
import type { ActivitySettlement, NewActivity } from './activity-log';

type Pending = Omit<NewActivity, 'outcome'>;

/** The who/what/where of an operation by the request's session. */
export function activityOf(
  res: Response,
  operation: ActivityOperation,
  target: string,
  workspaceId?: string,
  details?: Record<string, unknown>,
): Pending {
  const s = res.locals.session;
  return {
    user: s?.user.name ?? 'anonymous',
    ...(s?.roles[0] ? { role: s.roles[0] } : {}),
    operation,
    target,
    request_id: res.locals.requestId,
    ...(workspaceId ? { workspace_id: workspaceId } : {}),
    ...(details ? { details } : {}),
  };
}

/** The error code an operation's failure is logged with. */
export function errorCodeOf(e: unknown, fallbackCode = 'internal'): string {
  return e instanceof UpstreamError ? e.code : e instanceof HttpError ? e.code : fallbackCode;
}

/** The failed variant of `pending`, naming the error code that ended it. */
export function activityFailure(pending: Pending, e: unknown, fallbackCode = 'internal'): NewActivity {
  return { ...pending, outcome: 'failure', error_code: errorCodeOf(e, fallbackCode) };
}

/** How a pending entry settles when the operation failed with `e`. */
export function failureSettlement(e: unknown, fallbackCode = 'internal'): ActivitySettlement {
  return { outcome: 'failure', error_code: errorCodeOf(e, fallbackCode) };
}
