import type { AuditResourceRef } from '@portico/api-types';
import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../../upstream/upstream-error';
import {
  enumeratePageSize,
  enumeratePagesAtOnce,
  insightSweepUpstream,
  type InsightSweepDeps,
} from './insight-sweep-upstream';
import type { RequestGate } from './sweep-options';
import { permissionsRecord } from './testing/fake-upstream';
import { isRetryable, isUpstreamFailure } from './upstream-failure';

// A stub client stands in for the paging: 2 500 records without seeding an emulator. It answers
// a page at a time, after a tick, so the test sees how many were in flight at once;
// `pageSize` is the provider's own cap on `limit`; the page at `shortAt` comes one record short.
function client(
  total: number,
  options: { pageSize?: number; shortAt?: number } = {},
): InsightSweepDeps['client'] & { offsets: number[]; mostInFlight: number } {
  const offsets: number[] = [];
  let inFlight = 0;
  const stub: InsightSweepDeps['client'] & { offsets: number[]; mostInFlight: number } = {
    offsets,
    mostInFlight: 0,
    async listResources(_s, _ws, _type, q) {
      offsets.push(q.offset);
      inFlight += 1;
      stub.mostInFlight = Math.max(stub.mostInFlight, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
      const limit = Math.min(q.limit, options.pageSize ?? q.limit);
      const n = Math.max(0, Math.min(limit, total - q.offset));
      const items = Array.from({ length: n }, (_, i) => ({
        id: `d-${q.offset + i}`,
        name: `D ${q.offset + i}`,
        create_user_name: 'olga',
      }));
      if (q.offset === options.shortAt) items.pop();
      return { count: total, items };
    },
    async readPermissions(_s, _ws, q) {
      return permissionsRecord(q);
    },
  };
  return stub;
}

async function all(it: AsyncIterable<AuditResourceRef>) {
  const out: AuditResourceRef[] = [];
  for await (const r of it) out.push(r);
  return out;
}

describe('insightSweepUpstream', () => {
  const signal = new AbortController().signal;
  let gated = 0;
  const gate: RequestGate = (request) => {
    gated += 1;
    return request(signal);
  };

  it('pages through a listable type by record offset', async () => {
    const c = client(2_500);
    const up = insightSweepUpstream({
      client: c,
      session: { token: 't' },
      workspaceId: 'ws',
      knownIds: async () => [],
    });
    gated = 0;
    const refs = await all(up.enumerate('dataset', gate));
    expect(refs).toHaveLength(2_500);
    expect(c.offsets).toEqual([0, enumeratePageSize, 2 * enumeratePageSize]);
    expect(gated).toBe(3); // every page went through the sweep's rate cap and retries
    expect(refs[1_234]).toEqual({
      resource_type: 'dataset',
      resource_id: 'd-1234',
      name: 'D 1234',
      owner_name: 'olga',
    });
  });

  it('asks for the pages left together once the first page has told the count', async () => {
    const total = (enumeratePagesAtOnce + 3) * enumeratePageSize + 10;
    const c = client(total);
    const up = insightSweepUpstream({
      client: c,
      session: { token: 't' },
      workspaceId: 'ws',
      knownIds: async () => [],
    });
    const refs = await all(up.enumerate('dataset', gate));
    expect(refs.map((r) => r.resource_id)).toEqual(Array.from({ length: total }, (_, i) => `d-${i}`));
    expect(c.mostInFlight).toBe(enumeratePagesAtOnce);
    expect(c.offsets).toHaveLength(enumeratePagesAtOnce + 4);
  });

  it("follows the provider's own page size when it answers with less than the limit", async () => {
    const c = client(1_050, { pageSize: 100 });
    const up = insightSweepUpstream({
      client: c,
      session: { token: 't' },
      workspaceId: 'ws',
      knownIds: async () => [],
    });
    const refs = await all(up.enumerate('dataset', gate));
    expect(refs.map((r) => r.resource_id)).toEqual(Array.from({ length: 1_050 }, (_, i) => `d-${i}`));
    expect(c.offsets).toEqual(Array.from({ length: 11 }, (_, i) => i * 100));
  });

  it('goes on from where a short page ended, not from the offsets asked before it came', async () => {
    const c = client(4_000, { shortAt: enumeratePageSize });
    const up = insightSweepUpstream({
      client: c,
      session: { token: 't' },
      workspaceId: 'ws',
      knownIds: async () => [],
    });
    const ids = (await all(up.enumerate('dataset', gate))).map((r) => r.resource_id);
    expect(new Set(ids)).toEqual(new Set(Array.from({ length: 4_000 }, (_, i) => `d-${i}`)));
    expect(c.offsets).toEqual([0, 1_000, 2_000, 3_000, 1_999, 2_999, 3_999]);
  });

  it('fails the enumeration when a page finally fails, with no page left unhandled', async () => {
    const failing: RequestGate = (request) =>
      request(signal).then((page) => {
        if ((page as { items: { id: string }[] }).items[0]?.id === `d-${2 * enumeratePageSize}`) {
          throw new UpstreamError('http', 500, 'insight', 'internal', 'boom');
        }
        return page;
      });
    const up = insightSweepUpstream({
      client: client(5_000),
      session: { token: 't' },
      workspaceId: 'ws',
      knownIds: async () => [],
    });
    await expect(all(up.enumerate('dataset', failing))).rejects.toMatchObject({ status: 500 });
  });

  it('takes known IDs for types with no list API', async () => {
    const up = insightSweepUpstream({
      client: client(0),
      session: { token: 't' },
      workspaceId: 'ws',
      knownIds: async (type) => (type === 'portal' ? ['p1'] : []),
    });
    expect(await all(up.enumerate('portal', gate))).toEqual([{ resource_type: 'portal', resource_id: 'p1' }]);
  });

  it("treats the BFF's UpstreamError as an UpstreamFailure, timeouts retryable, 404 not", () => {
    const timeout = new UpstreamError('timeout', 504, 'insight', 'timeout', 'no answer');
    const missing = new UpstreamError('http', 404, 'insight', '24010003', 'gone', undefined, 'r1');
    expect(isUpstreamFailure(timeout) && isRetryable(timeout)).toBe(true);
    expect(isUpstreamFailure(missing) && isRetryable(missing)).toBe(false);
  });
});
