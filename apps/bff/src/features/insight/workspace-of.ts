import type { Request } from 'express';
import { workspaceHeader } from '@portico/api-types';
import { HttpError } from '../../http/http-error';

const workspaceIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

/** The request's DataArts Insight workspace: the `x-workspace-id` header, else the default. */
export function workspaceOf(req: Request, fallback: string): string {
  const sent = req.get(workspaceHeader);
  if (sent === undefined || sent === '') return fallback;
  if (!workspaceIdPattern.test(sent)) {
    throw new HttpError(400, 'validation_failed', `${workspaceHeader}: letters, digits, _ and - only`, workspaceHeader);
  }
  return sent;
}
