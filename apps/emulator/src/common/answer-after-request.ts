import type { NextFunction, Request, Response } from 'express';
import { hasBody } from './has-body';

/**
 * The gateway takes the whole request before it answers, as the provider's does: an answer to a
 * request with a body is held until that body has arrived, and whatever no handler read is
 * drained. Without it a refusal sent while an upload was still streaming (a bad token, a
 * foreign project, an unknown instance, a job already running, an injected fault) met the
 * uploader's remaining bytes on a connection Node's server had already closed (the BFF sends
 * uploads `Connection: close`), and the uploader saw EPIPE instead of the answer.
 *
 * Requests without a body pass untouched, so reads pay nothing for it.
 */
export function answerAfterRequest(req: Request, res: Response, next: NextFunction): void {
  if (!hasBody(req)) return next();
  const end = res.end;
  res.end = function endOnceRequestRead(this: Response, ...args: unknown[]) {
    const send = () => end.apply(this, args as Parameters<Response['end']>);
    if (req.complete) return send();
    req.once('end', send);
    // Read what no handler reads; a handler still reading (a pipe) keeps its data.
    req.resume();
    return this;
  } as Response['end'];
  next();
}
