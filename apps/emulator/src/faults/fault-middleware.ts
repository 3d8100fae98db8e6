import type { NextFunction, Request, Response } from 'express';
import { hasBody } from '../common/has-body';
import { requestIdOf } from '../common/request-id';
import { serviceErrorBody, serviceOfPath } from '../common/service-errors';
import type { ServiceContext } from '../context';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Destroys the socket once `limit` body bytes have arrived, whoever reads the body and whenever:
 * the count sits where the HTTP parser hands the body to the request stream.
 */
function cutUploadAfter(req: Request, limit: number): void {
  let received = req.readableLength;
  const push = req.push.bind(req);
  req.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (chunk !== null && !req.socket.destroyed) {
      received += (chunk as Buffer).length;
      if (received >= limit) {
        req.socket.destroy();
        return false;
      }
    }
    return push(chunk, encoding);
  };
}

/**
 * Injected latency, throttling (429 + Retry-After), server errors (500/503), connection resets
 * and uploads cut mid-way on service routes (IAM gets latency only), errors in the owning
 * service's body. Off by default; sampling uses the seeded PRNG so a run can be replayed.
 */
export function faultMiddleware(ctx: ServiceContext) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const faults = ctx.faults();
    const service = serviceOfPath(req.path);
    // Sign-in and projects stay reliable so a faulty run can still log in and reach the services.
    const faulty = service !== null && service !== 'iam';
    if (faulty && faults.cutUploadAfterBytes !== null && hasBody(req)) cutUploadAfter(req, faults.cutUploadAfterBytes);
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    if (!faulty) {
      next();
      return;
    }
    if (faults.resetRate > 0 && ctx.random.next() < faults.resetRate) {
      req.socket.resetAndDestroy();
      return;
    }
    if (faults.throttleRate > 0 && ctx.random.next() < faults.throttleRate) {
      res.status(429).set('Retry-After', '1');
      res.json(
        serviceErrorBody(
          service,
          'throttled',
          429,
          'Too many requests: the throttling threshold has been reached.',
          requestIdOf(res),
        ),
      );
      return;
    }
    if (faults.errorRate > 0 && ctx.random.next() < faults.errorRate) {
      const unavailable = ctx.random.next() < 0.5;
      const status = unavailable ? 503 : 500;
      res
        .status(status)
        .json(
          serviceErrorBody(
            service,
            unavailable ? 'unavailable' : 'internal',
            status,
            unavailable ? 'Service temporarily unavailable.' : 'Internal server error.',
            requestIdOf(res),
          ),
        );
      return;
    }
    next();
  };
}
