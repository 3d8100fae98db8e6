import { systemClock, type Clock } from './clock';
import { RateLimiter } from './rate-limiter';
import { defaultRetryPolicy } from './retry';
import { defaultSweepConcurrency, defaultSweepRatePerSecond, type SweepLimits } from './sweep-options';

/**
 * How audits and bulk fixes pace their upstream calls: so many lanes, one rate cap over all of
 * them (its burst the lane count unless set), and the retry policy, from the configured limits.
 */
export function upstreamPacing(deps: { limits?: Partial<SweepLimits>; clock?: Clock; random?: () => number }) {
  const clock = deps.clock ?? systemClock;
  const concurrency = deps.limits?.concurrency ?? defaultSweepConcurrency;
  return {
    clock,
    random: deps.random ?? Math.random,
    concurrency,
    limiter: new RateLimiter({
      ratePerSecond: deps.limits?.ratePerSecond ?? defaultSweepRatePerSecond,
      burst: deps.limits?.burst ?? concurrency,
      clock,
    }),
    policy: { ...defaultRetryPolicy, ...deps.limits?.retry },
  };
}
