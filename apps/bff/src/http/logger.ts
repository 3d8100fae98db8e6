import pino, { type DestinationStream, type Logger } from 'pino';
import type { RequestHandler } from 'express';

/** Anything that could carry a credential, wherever it sits in a log line. */
export const redactPaths = [
  'token',
  'password',
  'csrf_token',
  '*.token',
  '*.password',
  '*.csrf_token',
  '*.*.password',
  'headers.cookie',
  'headers["set-cookie"]',
  'headers["x-auth-token"]',
  'headers["x-subject-token"]',
  'headers["x-csrf-token"]',
  'headers.authorization',
  '*.headers.cookie',
  '*.headers["set-cookie"]',
  '*.headers["x-auth-token"]',
  '*.headers["x-subject-token"]',
  '*.headers["x-csrf-token"]',
  '*.headers.authorization',
  'ak',
  'sk',
  '*.ak',
  '*.sk',
  'access_key',
  'secret_key',
  '*.access_key',
  '*.secret_key',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    { level, base: { service: 'bff' }, redact: { paths: redactPaths, censor: '[redacted]' } },
    destination,
  );
}

/**
 * One JSON line per request, with its id, status and duration (never headers or bodies). These
 * fixed scalar fields cannot carry a credential, so the line skips the wildcard redaction, which
 * cost several times the rest of the line on every proxied request.
 */
export function requestLog(parent: Logger): RequestHandler {
  const logger = parent.child({}, { redact: { paths: [] } });
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    // Read now: by the time the answer closes, a mounted router (`/api`, `/insight`) has cut its
    // own prefix off the request's URL.
    const path = req.path;
    res.on('close', () => {
      logger.info(
        {
          request_id: res.locals.requestId,
          method: req.method,
          path,
          status: res.statusCode,
          aborted: !res.writableFinished,
          user: res.locals.session?.user?.name,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'request',
      );
    });
    next();
  };
}
