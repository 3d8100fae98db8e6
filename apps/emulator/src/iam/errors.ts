import type { Response } from 'express';
import type { IamError } from '@portico/api-types/upstream';

const titles: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden' };

/** IAM's own error body: `{"error":{"code","message","title"}}`. */
export function sendIamError(res: Response, status: number, message: string): void {
  const body: IamError = { error: { code: status, message, title: titles[status] ?? 'Error' } };
  res.status(status).json(body);
}
