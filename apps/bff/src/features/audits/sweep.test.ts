import type { AuditResourceRef, Policy } from '@portico/api-types';
import { describe, expect, it } from 'vitest';
import { runSweep } from './sweep';
import type { SweepDeps, SweepEvent, SweepRequest } from './sweep-options';
import { FakeClock } from './testing/fake-clock';
import {
  FakeUpstream,
  notFound,
  refs,
  seededRandom,
  tooMany,
  unavailable,
  type ReadScript,
} from './testing/fake-upstream';
import { upstreamFailure } from './upstream-failure';

const policy: Policy = {
  version: 3,
  rules: [{ id: 'no-edit', kind: 'must_be_off', resource_type: 'dataset', switch: 'edit' }],
};

function setup(
  listed: Record<string, AuditResourceRef[]>,
  options: ConstructorParameters<typeof FakeUpstream>[2] = {},
  limits: SweepDeps['limits'] = {},
) {
  const clock = new FakeClock();
  const upstream = new FakeUpstream(clock, listed, options);
  const events: SweepEvent[] = [];
  const deps: SweepDeps = { upstream, clock, random: seededRandom(), limits };
  const sweep = (extra: Partial<SweepRequest> = {}) =>
    clock.run(
      runSweep(deps, {
        resourceTypes: Object.keys(listed) as SweepRequest['resourceTypes'],
        extraResources: [],
        policy,
        onEvent: (e) => events.push(e),
        ...extra,
      }),
    );
  const rows = () => events.flatMap((e) => (e.type === 'row' ? [e.row] : []));
  return { clock, upstream, events, sweep, rows };
}

describe('runSweep', () => {
  it('reads every resource, judges it, and streams started → rows → progress', async () => {
    const t = setup(
      { dataset: refs('dataset', 3) },
      { record: (r) => ({ auth_switch_config: { edit: r.resource_id === 'dataset-1' } }) },
    );
    const outcome = await t.sweep();
    expect(outcome).toMatchObject({ status: 'finished', total: 3, done: 3, nonCompliant: 1 });
    expect(t.events[0]).toEqual({ type: 'started', total: 3, enumeration_errors: [] });
    expect(t.events.at(-1)).toEqual({ type: 'progress', done: 3, total: 3 });
    const bad = t.rows().find((r) => r.resource_id === 'dataset-1');
    expect(bad).toMatchObject({
      status: 'ok',
      compliance: 'non_compliant',
      switches: { use: true, edit: true },
      owner: 'u-owner',
      owner_name: 'olga',
      update_user_name: 'olga',
      findings: [{ rule_id: 'no-edit' }],
    });
  });

  it('adds extra IDs for unlisted types and drops duplicates', async () => {
    const t = setup({ dataset: refs('dataset', 2) });
    const outcome = await t.sweep({
      resourceTypes: ['dataset', 'portal'],
      extraResources: [
        { resource_type: 'portal', resource_id: 'p-1' },
        { resource_type: 'dataset', resource_id: 'dataset-0' },
      ],
    });
    expect(outcome.total).toBe(3);
    expect(
      t
        .rows()
        .map((r) => r.resource_id)
        .sort(),
    ).toEqual(['dataset-0', 'dataset-1', 'p-1']);
  });

  it('keeps a failed read as a failed row with its error, never drops it', async () => {
    const script: ReadScript = (r) => (r.resource_id === 'dataset-2' ? notFound() : undefined);
    const t = setup({ dataset: refs('dataset', 5) }, { script });
    const outcome = await t.sweep();
    expect(outcome).toMatchObject({ done: 5, failed: 1 });
    expect(t.rows()).toHaveLength(5);
    expect(t.rows().find((r) => r.resource_id === 'dataset-2')).toMatchObject({
      status: 'failed',
      compliance: 'unknown',
      error: { status: 404, code: '24010003', request_id: 'req-404' },
    });
    expect(t.upstream.attempts.get('dataset/dataset-2')).toBe(1); // a 404 is not retried
  });

  it('retries 5xx and network errors, then succeeds', async () => {
    const script: ReadScript = (_r, attempt) =>
      attempt === 1 ? unavailable() : attempt === 2 ? new TypeError('socket hang up') : undefined;
    const t = setup({ dataset: refs('dataset', 4) }, { script });
    const outcome = await t.sweep();
    expect(outcome).toMatchObject({ done: 4, failed: 0 });
    for (const n of t.upstream.attempts.values()) expect(n).toBe(3);
  });

  it('gives up after the max attempts and reports the last error', async () => {
    const t = setup(
      { dataset: refs('dataset', 2) },
      { script: () => unavailable() },
      { retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 100, maxRetryAfterMs: 1000 } },
    );
    const outcome = await t.sweep();
    expect(outcome).toMatchObject({ done: 2, failed: 2 });
    expect([...t.upstream.attempts.values()]).toEqual([3, 3]);
    expect(t.rows()[0]?.error).toMatchObject({ status: 503, code: 'APIGW.0203' });
  });

  it('survives a 429 storm, waiting out Retry-After before anyone asks again', async () => {
    // Every read fails with 429 (Retry-After 1 s) until t = 3 s, then succeeds.
    const t = setup(
      { dashboard: refs('dashboard', 40) },
      {
        script: () => (t.clock.now() < 3_000 ? tooMany(1_000) : undefined),
      },
      { retry: { maxAttempts: 10, baseDelayMs: 50, maxDelayMs: 2_000, maxRetryAfterMs: 5_000 } },
    );
    const outcome = await t.sweep();
    expect(outcome).toMatchObject({ done: 40, failed: 0 });
    // After the first 429 answer (at 20 ms) nobody starts a request for a whole second.
    const firstFailureAt = 20;
    const early = t.upstream.starts.filter((s) => s > firstFailureAt && s < firstFailureAt + 1_000);
    expect(early).toEqual([]);
  });

  it('never has more reads in flight than the concurrency', async () => {
    const t = setup({ dataset: refs('dataset', 200) }, {}, { concurrency: 7 });
    await t.sweep();
    expect(t.upstream.maxInFlight).toBe(7);
  });

  it('defaults to 16 lanes', async () => {
    const t = setup({ dataset: refs('dataset', 100) });
    await t.sweep();
    expect(t.upstream.maxInFlight).toBe(16);
  });

  it('never exceeds the request rate (token bucket on virtual time)', async () => {
    const rate = 50;
    const burst = 5;
    const t = setup({ dataset: refs('dataset', 300) }, {}, { ratePerSecond: rate, burst });
    await t.sweep();
    const starts = t.upstream.starts;
    expect(starts).toHaveLength(300);
    for (let i = 0; i < starts.length; i++) {
      const inWindow = starts.filter((s) => s >= starts[i]! && s < starts[i]! + 1_000).length;
      expect(inWindow).toBeLessThanOrEqual(rate + burst);
    }
    // and it is not needlessly slow: 300 requests at 50/s take about 6 s.
    expect(t.clock.now()).toBeLessThan(6_500);
  });

  it('counts list pages against the request rate too', async () => {
    const rate = 50;
    const burst = 5;
    const t = setup(
      { dataset: refs('dataset', 300) },
      { pageSize: 5, listLatencyMs: 5 },
      { ratePerSecond: rate, burst },
    );
    await t.sweep();
    expect(t.upstream.listStarts).toHaveLength(60);
    const starts = [...t.upstream.listStarts, ...t.upstream.starts].sort((a, b) => a - b);
    expect(starts).toHaveLength(360);
    for (let i = 0; i < starts.length; i++) {
      const inWindow = starts.filter((s) => s >= starts[i]! && s < starts[i]! + 1_000).length;
      expect(inWindow).toBeLessThanOrEqual(rate + burst);
    }
  });

  it('retries a failed list page alone, not the pages before it', async () => {
    const t = setup(
      { dataset: refs('dataset', 30) },
      { pageSize: 10, listScript: (_type, page, attempt) => (page === 2 && attempt < 3 ? tooMany() : undefined) },
    );
    const outcome = await t.sweep();
    expect(outcome).toMatchObject({ status: 'finished', total: 30, done: 30, enumerationErrors: [] });
    expect(Object.fromEntries(t.upstream.listAttempts)).toEqual({
      'dataset/0': 1,
      'dataset/1': 1,
      'dataset/2': 3,
    });
  });

  it('cancels mid-sweep: stops starting reads, aborts those in flight, says cancelled', async () => {
    const t = setup({ dataset: refs('dataset', 1_000) }, { latencyMs: 20 }, { concurrency: 10 });
    const controller = new AbortController();
    void t.clock.sleep(105).then(() => controller.abort());
    const outcome = await t.sweep({ signal: controller.signal });
    expect(outcome.status).toBe('cancelled');
    expect(outcome.done).toBe(50); // five rounds of ten reads finished before 105 ms
    expect(t.upstream.aborted).toBe(10);
    expect(t.upstream.starts).toHaveLength(60);
    expect(t.rows()).toHaveLength(50);
    expect(t.rows().every((r) => r.status === 'ok')).toBe(true);
  });

  it('lists a type whose enumeration failed, and still audits the others', async () => {
    const t = setup(
      { dataset: refs('dataset', 2), dashboard: [] },
      { listFailure: { dashboard: upstreamFailure(403, '20010003', { request_id: 'r-iam' }) } },
    );
    const outcome = await t.sweep();
    expect(outcome.done).toBe(2);
    expect(outcome.enumerationErrors).toEqual([
      {
        resource_type: 'dashboard',
        error: { status: 403, code: '20010003', message: expect.any(String), request_id: 'r-iam' },
      },
    ]);
  });

  it('10 000 reads at 20 ms with 16 lanes finish in about 10 000 / 16 × 20 ms of virtual time', async () => {
    const t = setup({ dataset: refs('dataset', 10_000) }, {}, { ratePerSecond: Infinity });
    const outcome = await t.sweep();
    expect(outcome.done).toBe(10_000);
    expect(t.clock.now()).toBe(Math.ceil(10_000 / 16) * 20);
    const progress = t.events.filter((e) => e.type === 'progress');
    expect(progress.length).toBe(200);
  });
});
