import type { Response } from 'express';
import type { z } from 'zod';
import { insightErrorCodes, type InsightError } from '@portico/api-types/upstream';

/** DataArts Insight's error body, `{"error_code","error_msg"}`. */
export function sendInsightError(res: Response, status: number, code: string, message: string): void {
  const body: InsightError = { error_code: code, error_msg: message };
  res.status(status).json(body);
}

/** 400 naming the first field zod refused, as the provider names the parameter. */
export function sendInvalidParameter(res: Response, error: z.ZodError): void {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : 'body';
  sendInsightError(
    res,
    400,
    insightErrorCodes.invalidParameter,
    `Invalid parameter ${field}: ${issue?.message ?? 'invalid'}.`,
  );
}

export function sendResourceNotFound(res: Response, id: string): void {
  sendInsightError(res, 404, insightErrorCodes.resourceNotFound, `Resource does not exist: ${id}.`);
}
