import type { Response } from 'express';
import type { SecmasterError } from '@portico/api-types/upstream';
import { secmasterErrorCodes } from '@portico/api-types/upstream';

/** SecMaster's error body, `{"code","message"}` (specs/examples/secmaster-error.response.json). */
export function sendSecmasterError(res: Response, status: number, code: string, message: string): void {
  const body: SecmasterError = { code, message };
  res.status(status).json(body);
}

export function sendInvalidParameter(res: Response, message: string): void {
  sendSecmasterError(res, 400, secmasterErrorCodes.invalidParameter, message);
}
