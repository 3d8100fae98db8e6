import type { AuditResourceRef } from '@portico/api-types';
import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../../upstream/upstream-error';
import {
  enumeratePageSize,
  insightSweepUpstream,
  type InsightSweepDeps,
} from './insight-sweep-upstream';
import type { RequestGate } from './sweep-options';
import { permissionsRecord } from './testing/fake-upstream';
import { isRetryable, isUpstreamFailure } from './upstream-failure';

// A stub client stands in for the paging: 2 500 records without seeding an emulator.
function client(total: number): InsightSweepDeps['client'] & { offsets: number[] } {
  const offsets: number[] = [];
  return {
    offsets,
    async listResources(_s, _ws, _type, q) {
      offsets.push(q.offset);
      const n = Math.max(0, Math.min(q.limit, total - q.offset));
      const items = Array.from({ length: n }, (_, i) => ({
        id: `d-${q.offset + i}`,
        name: `D ${q.offset + i}`,
        create_user_name: 'olga',
      }));
      return { count: total, items };
    },
    async readPermissions(_s, _ws, q) {
      return permissionsRecord(q);
    },
  };
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

  it('takes known IDs for types with no list API', async () => {
    const up = insightSweepUpstream({
      client: client(0),
      session: { token: 't' },
      workspaceId: 'ws',
      knownIds: async (type) => (type === 'portal' ? ['p1'] : []),
    });
    expect(await all(up.enumerate('portal', gate))).toEqual([
      { resource_type: 'portal', resource_id: 'p1' },
    ]);
  });

  it("treats the BFF's UpstreamError as an UpstreamFailure, timeouts retryable, 404 not", () => {
    const timeout = new UpstreamError('timeout', 504, 'insight', 'timeout', 'no answer');
    const missing = new UpstreamError('http', 404, 'insight', '24010003', 'gone', undefined, 'r1');
    expect(isUpstreamFailure(timeout) && isRetryable(timeout)).toBe(true);
    expect(isUpstreamFailure(missing) && isRetryable(missing)).toBe(false);
  });
});
