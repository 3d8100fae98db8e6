import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { ZodError } from 'zod';
import type { BffError } from '@portico/api-types';
import { DatabaseUnavailableError } from '../db/database-unavailable';
import { HttpError } from './http-error';
import { toHttpError } from '../upstream/upstream-error';
import { UpstreamError } from '../upstream/upstream-error';

function normalise(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof UpstreamError) return toHttpError(err);
  if (err instanceof DatabaseUnavailableError) {
    return new HttpError(503, 'service_unavailable', 'Portico is briefly unavailable; try again in a moment');
  }
  if (err instanceof ZodError) {
    const issue = err.issues[0];
    const field = issue && issue.path.length > 0 ? issue.path.join('.') : 'input';
    return new HttpError(400, 'validation_failed', `${field}: ${issue?.message ?? 'invalid input'}`, field);
  }
  // body-parser and router errors carry `type` and/or `status` (http-errors).
  const e = err as { type?: string; status?: unknown; statusCode?: unknown };
  if (e.type === 'entity.too.large') return new HttpError(413, 'payload_too_large', 'Request body is too large');
  if (e.type === 'entity.parse.failed') return new HttpError(400, 'validation_failed', 'body: not valid JSON', 'body');
  const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : 0;
  if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported' || status === 415)
    return new HttpError(415, 'unsupported_media_type', 'Unsupported content encoding or charset', 'content-type');
  // The router's "Failed to decode param" on a malformed %-escape in the path.
  if (err instanceof URIError) return new HttpError(400, 'validation_failed', 'path: not a valid URL encoding', 'path');
  if (status === 413) return new HttpError(413, 'payload_too_large', 'Request body is too large');
  if (status >= 400 && status < 500)
    return new HttpError(400, 'validation_failed', 'body: unreadable request body', 'body');
  return new HttpError(500, 'internal', 'Internal error');
}

export function errorBody(err: HttpError, requestId: string): BffError {
  return {
    error: {
      code: err.code,
      message: err.message,
      ...(err.field ? { field: err.field } : {}),
      ...(err.upstream ? { upstream: err.upstream } : {}),
      ...err.extra,
    },
    request_id: requestId,
  };
}

/** Answers every error in the one BFF shape; a response already streaming is destroyed instead. */
export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    const httpError = normalise(err);
    if (httpError.status >= 500) logger.error({ err, request_id: res.locals.requestId }, 'request failed');
    if (res.headersSent) {
      // A truncated file must never look complete.
      res.destroy(err instanceof Error ? err : undefined);
      return;
    }
    if (httpError.code === 'service_unavailable') res.setHeader('retry-after', '5');
    res.status(httpError.status).json(errorBody(httpError, String(res.locals.requestId ?? '')));
  };
}

export const notFound: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, 'not_found', `No route ${req.method} ${req.path}`));
};
