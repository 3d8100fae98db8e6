import type { Response } from 'express';
import type { RomaError } from '@portico/api-types/upstream';
import { requestIdOf } from '../common/request-id';
import type { ServiceContext } from '../context';

/**
 * ROMA's error body (specs/examples/roma-error.response.json). The provider's table gives 400
 * for every asset error code while its examples show 403; the emulator answers 400 for the
 * request errors (ROMA.10011/10012/10013/13000/13001), 403 for ROMA.1006 (no permission) and
 * 404 for things that do not exist, which is what a BFF must be ready to relay anyway.
 * `request_id` is the answer's `X-Request-Id` when the core set one.
 */
export function sendRomaError(
  ctx: ServiceContext,
  res: Response,
  status: number,
  code: string,
  message: string,
  details = '',
): void {
  const body: RomaError = {
    error_code: code,
    error_msg: message,
    error_details: details,
    request_id: requestIdOf(res) || ctx.newId(),
  };
  res.status(status).json(body);
}
