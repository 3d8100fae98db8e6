import { iamSubjectTokenHeader } from '@portico/api-types/upstream';
import type { AuditRow } from '@portico/api-types';
import { demo, startEmulator, type RunningEmulator } from '@portico/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInsightClient } from '../../upstream/insight-client';
import { insightSweepUpstream } from './insight-sweep-upstream';
import { emptyPolicy } from './policy';
import { runSweep } from './sweep';
import type { SweepEvent } from './sweep-options';

/**
 * The sweep through the BFF's real Insight client against the emulator, its fault injection
 * included. The token comes straight from the emulator's IAM: signing in through the BFF is
 * the session feature's to test.
 */
describe('sweep against the emulator', () => {
  let emu: RunningEmulator;
  let token: string;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, host: '127.0.0.1', seedResources: 60 });
    const { name, password } = demo.users.auditor;
    const res = await fetch(`${emu.url}/v3/auth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ['password'],
            password: { user: { name, password, domain: { name: demo.domainName } } },
          },
          scope: { project: { id: demo.projectId } },
        },
      }),
    });
    token = res.headers.get(iamSubjectTokenHeader) ?? '';
    if (res.status !== 201 || !token) throw new Error(`emulator sign-in failed: ${res.status}`);
  });
  afterAll(async () => {
    await emu?.close();
  });

  async function sweep() {
    const client = createInsightClient({
      iam: emu.url,
      insight: emu.url,
      secmaster: emu.url,
      roma: emu.url,
      projectId: demo.projectId,
      insightInstanceId: demo.insightInstanceId,
      insightWorkspaceId: demo.insightWorkspaceId,
      secmasterWorkspaceId: demo.secmasterWorkspaceId,
      romaInstanceId: demo.romaInstanceId,
      timeoutMs: 5_000,
    });
    const upstream = insightSweepUpstream({
      client,
      session: { token },
      workspaceId: demo.insightWorkspaceId,
      knownIds: async (type) => {
        const id = (demo.insightUnlistedResources as Record<string, string | undefined>)[type];
        return id ? [id] : [];
      },
    });
    const events: SweepEvent[] = [];
    const outcome = await runSweep(
      {
        upstream,
        limits: {
          retry: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 200, maxRetryAfterMs: 1_000 },
        },
      },
      {
        resourceTypes: ['dataset', 'dashboard', 'metric'],
        extraResources: [],
        policy: emptyPolicy,
        onEvent: (e) => events.push(e),
      },
    );
    const rows: AuditRow[] = events.flatMap((e) => (e.type === 'row' ? [e.row] : []));
    return { outcome, rows };
  }

  it('reads every seeded resource, unlisted types from known IDs', async () => {
    const { outcome, rows } = await sweep();
    expect(outcome.enumerationErrors).toEqual([]);
    expect(outcome.total).toBeGreaterThan(1);
    expect(rows).toHaveLength(outcome.total);
    expect(rows.every((r) => r.status === 'ok' && r.update_user_name !== undefined)).toBe(true);
    expect(rows.filter((r) => r.resource_type === 'metric')).toHaveLength(1);
  });

  it('in a 429/5xx storm every resource still ends as a row, none dropped', async () => {
    emu.setFaults({ throttleRate: 0.3, errorRate: 0.1 });
    try {
      const { outcome, rows } = await sweep();
      expect(outcome.status).toBe('finished');
      expect(new Set(rows.map((r) => `${r.resource_type}/${r.resource_id}`)).size).toBe(outcome.total);
      for (const r of rows.filter((x) => x.status === 'failed')) {
        expect([429, 500, 503]).toContain(r.error?.status);
        expect(r.error?.request_id).toBeTruthy();
      }
      expect(rows.filter((r) => r.status === 'ok').length).toBeGreaterThan(outcome.total / 2);
    } finally {
      emu.setFaults({ throttleRate: 0, errorRate: 0 });
    }
  });
});
