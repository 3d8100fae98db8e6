import { abortReason, type Clock } from './clock';
import type { RateLimiter } from './rate-limiter';
import { isRetryable, toUpstreamFailure, type UpstreamFailure } from './upstream-failure';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A longer Retry-After is cut to this, so one answer cannot stall an audit for an hour. */
  maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  maxRetryAfterMs: 30_000,
};

export interface RetryDeps {
  clock: Clock;
  /** In [0, 1); Math.random in production, a seeded sequence in tests. */
  random: () => number;
  /** Every attempt, retries included, takes a slot: the rate cap counts real requests. */
  limiter?: RateLimiter;
  signal?: AbortSignal;
}

/** Exponential backoff with full jitter: a random delay in [0, min(max, base * 2^(n-1))). */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number): number {
  return random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
}

/**
 * Runs `fn` until it succeeds, fails with something not worth retrying, or runs out of attempts;
 * then throws the last failure as an `UpstreamFailure`. Aborting throws the signal's reason.
 */
export async function withRetry<T>(
  fn: (signal?: AbortSignal) => Promise<T>,
  policy: RetryPolicy,
  deps: RetryDeps,
): Promise<T> {
  const { clock, random, limiter, signal } = deps;
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw abortReason(signal);
    await limiter?.take(signal);
    try {
      return await fn(signal);
    } catch (e) {
      if (signal?.aborted) throw abortReason(signal);
      const failure: UpstreamFailure = toUpstreamFailure(e);
      if (!isRetryable(failure) || attempt >= policy.maxAttempts) throw failure;
      let delay = backoffDelay(policy, attempt, random);
      if (failure.retryAfterMs !== undefined) {
        const wait = Math.min(Math.max(0, failure.retryAfterMs), policy.maxRetryAfterMs);
        // Everyone waits out the server's Retry-After; the jitter spreads the restart.
        limiter?.pause(clock.now() + wait);
        delay = wait + random() * policy.baseDelayMs;
      }
      await clock.sleep(delay, signal);
    }
  }
}
