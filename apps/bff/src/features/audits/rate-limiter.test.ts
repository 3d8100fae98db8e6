import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter';
import { FakeClock } from './testing/fake-clock';

async function startTimes(limiter: RateLimiter, clock: FakeClock, n: number, at?: () => void) {
  const times: number[] = [];
  await clock.run(
    Promise.all(
      Array.from({ length: n }, async (_, i) => {
        if (i === 3) at?.();
        await limiter.take();
        times.push(clock.now());
      }),
    ),
  );
  return times.sort((a, b) => a - b);
}

describe('RateLimiter', () => {
  it('lets a burst through, then spaces callers at 1/rate', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ ratePerSecond: 10, burst: 3, clock });
    expect(await startTimes(limiter, clock, 6)).toEqual([0, 0, 0, 100, 200, 300]);
  });

  it('a pause holds everyone, then restarts evenly spaced (no burst)', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ ratePerSecond: 10, burst: 3, clock });
    const times = await startTimes(limiter, clock, 6, () => limiter.pause(1_000));
    expect(times).toEqual([0, 0, 0, 1_000, 1_100, 1_200]);
  });

  it('an infinite rate never waits', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ ratePerSecond: Infinity, clock });
    expect(await startTimes(limiter, clock, 5)).toEqual([0, 0, 0, 0, 0]);
  });

  it('an aborted wait rejects', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ ratePerSecond: 1, clock });
    await limiter.take();
    const controller = new AbortController();
    const waiting = limiter.take(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toThrow(/abort/i);
  });
});
