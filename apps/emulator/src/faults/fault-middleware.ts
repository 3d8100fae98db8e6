import type { NextFunction, Request, Response } from 'express';
import { requestIdOf } from '../common/request-id';
import { serviceErrorBody, serviceOfPath } from '../common/service-errors';
import type { ServiceContext } from '../context';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Injected latency, throttling (429 + Retry-After) and server errors (500/503) on service
 * routes (IAM gets latency only), in the owning service's error body. Off by default; sampling uses the seeded PRNG so
 * a run can be replayed.
 */
export function faultMiddleware(ctx: ServiceContext) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const faults = ctx.faults();
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    const service = serviceOfPath(req.path);
    // Sign-in and projects stay reliable so a faulty run can still log in and reach the services.
    if (service === null || service === 'iam') {
      next();
      return;
    }
    if (faults.throttleRate > 0 && ctx.random.next() < faults.throttleRate) {
      res.status(429).set('Retry-After', '1');
      res.json(serviceErrorBody(service, 'throttled', 429, 'Too many requests: the throttling threshold has been reached.', requestIdOf(res)));
      return;
    }
    if (faults.errorRate > 0 && ctx.random.next() < faults.errorRate) {
      const unavailable = ctx.random.next() < 0.5;
      const status = unavailable ? 503 : 500;
      res.status(status).json(
        serviceErrorBody(service, unavailable ? 'unavailable' : 'internal', status, unavailable ? 'Service temporarily unavailable.' : 'Internal server error.', requestIdOf(res)),
      );
      return;
    }
    next();
  };
}
