import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bffErrorSchema } from '@portico/api-types';
import { postgresSchema } from '../testing/postgres-schema';
import { assetPackage, startReliabilityStack, type Caller, type ReliabilityStack } from '../testing/reliability-stack';
import { skipPostgres } from '../testing/test-databases';
import { seededRandom as seeded } from '../testing/seeded-random';
import { watchCrashes } from '../testing/crash-watch';

// 1 000 requests of every kind with random client aborts and upstream connection resets and
// errors mixed in (seeded, so a failure replays): no crash, no unhandled rejection, no leaked
// socket, every error answer in the one shape, one activity entry per operation.
const total = 1000;
const concurrency = 16;

let stack: ReliabilityStack;
let pgSchema: Awaited<ReturnType<typeof postgresSchema>> | undefined;
let callers: Caller[];
let resourceId: string;
let watch: ReturnType<typeof watchCrashes>;

beforeAll(async () => {
  watch = watchCrashes();
  // PostgreSQL (PGlite when it is skipped): the BFF as replicas run it, and faster per query.
  pgSchema = skipPostgres ? undefined : await postgresSchema();
  stack = await startReliabilityStack({ timeoutMs: 2_000, ...(pgSchema ? { db: await pgSchema.open() } : {}) });
  callers = [await stack.signIn('operator'), await stack.signIn('admin'), await stack.signIn('auditor')];
  resourceId = await stack.firstDashboard(callers[0]!);
});
afterAll(async () => {
  watch.stop();
  await stack.close();
  await pgSchema?.drop();
});

type Plan = { method: string; path: string; body?: string | FormData; json?: boolean };

function plan(random: () => number): Plan {
  const r = random();
  const ref = `resource_type=dashboard&resource_id=${resourceId}`;
  if (r < 0.3) return { method: 'GET', path: `/api/insight/permissions?${ref}` };
  if (r < 0.45)
    return {
      method: 'PUT',
      path: '/api/insight/permissions',
      json: true,
      body: JSON.stringify({
        resource_type: 'dashboard',
        resource_id: resourceId,
        auth_switch_config: { read: random() < 0.5 },
      }),
    };
  if (r < 0.6)
    return {
      method: 'POST',
      path: '/api/insight/resource-packages/export',
      json: true,
      body: JSON.stringify({ name: 'chaos', resources: [{ resource_type: 'dashboard', resource_id: resourceId }] }),
    };
  if (r < 0.7) {
    const form = new FormData();
    form.append('ImportAssetRequestBody', new Blob([assetPackage()], { type: 'application/zip' }), 'chaos.zip');
    return { method: 'POST', path: '/api/roma/assets/import?type=AddNew&prefix=chaos_', body: form };
  }
  if (r < 0.8) return { method: 'GET', path: '/api/insight/resources?type=dashboard&limit=5' };
  if (r < 0.9) return { method: 'GET', path: '/api/activity?limit=5' };
  return { method: 'GET', path: '/api/session' };
}

describe('chaos', () => {
  it(`survives ${total} requests with client aborts and upstream resets`, async () => {
    stack.emulator.setFaults({ resetRate: 0.1, errorRate: 0.05, largeFileBytes: 256 * 1024 });
    // The database pool's connections (10 at most) are all opened before the baseline: pooled
    // connections are meant to stay, and the run may use every one of them.
    if (pgSchema) await Promise.all(Array.from({ length: 10 }, () => stack.db.query('SELECT pg_sleep(0.2)')));
    const baseline = await stack.settle(stack.handles());
    const random = seeded(7);
    const statuses = new Map<string, number>();
    const bad: string[] = [];
    let aborted = 0;
    let next = 0;

    async function one(i: number) {
      const caller = callers[i % callers.length]!;
      const p = plan(random);
      const abortAfter = random() < 0.2 ? Math.floor(random() * 30) : undefined;
      const controller = new AbortController();
      const timer = abortAfter === undefined ? undefined : setTimeout(() => controller.abort(), abortAfter);
      try {
        const res = await fetch(stack.url + p.path, {
          method: p.method,
          headers: { ...caller.headers, ...(p.json ? { 'content-type': 'application/json' } : {}) },
          body: p.body,
          signal: controller.signal,
        });
        const buf = Buffer.from(await res.arrayBuffer());
        const key = `${p.method} ${p.path.split('?')[0]} ${res.status}`;
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
        if (res.status >= 400) {
          const parsed = bffErrorSchema.safeParse(JSON.parse(buf.toString('utf8')));
          if (!parsed.success || parsed.data.request_id !== res.headers.get('x-request-id'))
            bad.push(`${key}: ${buf.toString('utf8').slice(0, 200)}`);
        }
      } catch (e) {
        if (controller.signal.aborted) aborted++;
        else bad.push(`${p.method} ${p.path}: ${String((e as Error).cause ?? e)}`);
      } finally {
        clearTimeout(timer);
      }
    }

    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < total) await one(next++);
      }),
    );
    stack.emulator.setFaults({ resetRate: 0, errorRate: 0, largeFileBytes: null });

    expect(bad).toEqual([]);
    expect(watch.crashes).toEqual([]);
    // The chaos did happen: aborts, and resets answered as 502 upstream_unreachable.
    expect(aborted).toBeGreaterThan(50);
    const unreachable = [...statuses].filter(([k]) => k.endsWith(' 502')).reduce((n, [, c]) => n + c, 0);
    expect(unreachable).toBeGreaterThan(20);
    const ok = [...statuses].filter(([k]) => / 20\d$/.test(k)).reduce((n, [, c]) => n + c, 0);
    expect(ok).toBeGreaterThan(total / 2);

    // One entry per operation, never a success and a failure for one request.
    const doubled = await stack.db.query('SELECT request_id FROM activity GROUP BY request_id HAVING count(*) > 1');
    expect(doubled).toEqual([]);
    // Still serving, and nothing left open.
    expect((await stack.call(callers[0], 'GET', '/api/session')).status).toBe(200);
    const after = await stack.settle(baseline);
    expect(after.sockets).toBeLessThanOrEqual(baseline.sockets);
    expect(after.fds).toBeLessThanOrEqual(baseline.fds);
  }, 120_000);
});
