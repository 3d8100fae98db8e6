import { defaultRetryPolicy } from '../features/audits/retry';
import type { SweepLimits } from '../features/audits/sweep-options';
import type { Env } from './env';

/** The audit sweep's and bulk fix's limits from the environment (`AUDIT_*`). */
export function auditLimitsFromEnv(
  env: Pick<Env, 'AUDIT_CONCURRENCY' | 'AUDIT_RATE_PER_SECOND' | 'AUDIT_MAX_ATTEMPTS'>,
): Partial<SweepLimits> {
  return {
    concurrency: env.AUDIT_CONCURRENCY,
    ratePerSecond: env.AUDIT_RATE_PER_SECOND,
    retry: { ...defaultRetryPolicy, maxAttempts: env.AUDIT_MAX_ATTEMPTS },
  };
}
