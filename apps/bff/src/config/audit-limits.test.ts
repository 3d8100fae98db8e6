import { describe, expect, it } from 'vitest';
import { defaultRetryPolicy } from '../features/audits/retry';
import { defaultSweepConcurrency, defaultSweepRatePerSecond } from '../features/audits/sweep-options';
import { auditLimitsFromEnv } from './audit-limits';
import { parseEnv } from './env';

describe('auditLimitsFromEnv', () => {
  it("keeps the engine's defaults when nothing is set", () => {
    expect(auditLimitsFromEnv(parseEnv({}))).toEqual({
      concurrency: defaultSweepConcurrency,
      ratePerSecond: defaultSweepRatePerSecond,
      retry: defaultRetryPolicy,
    });
  });

  it('reads AUDIT_CONCURRENCY, AUDIT_RATE_PER_SECOND and AUDIT_MAX_ATTEMPTS', () => {
    const limits = auditLimitsFromEnv(
      parseEnv({ AUDIT_CONCURRENCY: '4', AUDIT_RATE_PER_SECOND: '50', AUDIT_MAX_ATTEMPTS: '2' }),
    );
    expect(limits).toMatchObject({ concurrency: 4, ratePerSecond: 50, retry: { maxAttempts: 2 } });
    expect(limits.retry?.baseDelayMs).toBe(defaultRetryPolicy.baseDelayMs);
  });

  it('refuses zero, negative and non-numeric limits, naming the variable', () => {
    expect(() => parseEnv({ AUDIT_CONCURRENCY: '0' })).toThrow(/AUDIT_CONCURRENCY/);
    expect(() => parseEnv({ AUDIT_RATE_PER_SECOND: '-1' })).toThrow(/AUDIT_RATE_PER_SECOND/);
    expect(() => parseEnv({ AUDIT_MAX_ATTEMPTS: 'many' })).toThrow(/AUDIT_MAX_ATTEMPTS/);
  });
});
