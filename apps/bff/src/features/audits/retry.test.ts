import { describe, expect, it } from 'vitest';
import { backoffDelay, defaultRetryPolicy, withRetry } from './retry';
import { FakeClock } from './testing/fake-clock';
import { notFound, tooMany, unavailable } from './testing/fake-upstream';

describe('withRetry', () => {
  it('backs off exponentially with full jitter, capped', () => {
    const p = { ...defaultRetryPolicy, baseDelayMs: 100, maxDelayMs: 1_000 };
    expect(backoffDelay(p, 1, () => 0.999)).toBeCloseTo(99.9);
    expect(backoffDelay(p, 3, () => 0.5)).toBe(200);
    expect(backoffDelay(p, 10, () => 0.5)).toBe(500);
    expect(backoffDelay(p, 2, () => 0)).toBe(0);
  });

  it('honours Retry-After before trying again', async () => {
    const clock = new FakeClock();
    const at: number[] = [];
    const result = await clock.run(
      withRetry(
        async () => {
          at.push(clock.now());
          if (at.length < 3) throw tooMany(2_000);
          return 'ok';
        },
        defaultRetryPolicy,
        { clock, random: () => 0 },
      ),
    );
    expect(result).toBe('ok');
    expect(at).toEqual([0, 2_000, 4_000]);
  });

  it('does not retry a 4xx, and throws the upstream failure as is', async () => {
    const clock = new FakeClock();
    let calls = 0;
    const work = withRetry(
      async () => {
        calls += 1;
        throw notFound();
      },
      defaultRetryPolicy,
      { clock, random: () => 0.5 },
    );
    await expect(clock.run(work)).rejects.toMatchObject({ status: 404, code: '24010003' });
    expect(calls).toBe(1);
  });

  it('stops retrying when aborted', async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    let calls = 0;
    const work = withRetry(
      async () => {
        calls += 1;
        if (calls === 2) controller.abort();
        throw unavailable();
      },
      defaultRetryPolicy,
      { clock, random: () => 0.5, signal: controller.signal },
    );
    await expect(clock.run(work)).rejects.toThrow(/abort/i);
    expect(calls).toBe(2);
  });
});
