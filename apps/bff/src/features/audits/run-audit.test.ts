import type { AuditEvent } from '@portico/api-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../testing/test-databases';
import { AuditStore } from './audit-store';
import { PolicyStore } from './policy-store';
import { runAudit, type RunAuditDeps } from './run-audit';
import { auditTestBackends } from './testing/audit-database';
import { FakeClock } from './testing/fake-clock';
import { FakeUpstream, notFound, refs, seededRandom } from './testing/fake-upstream';

const pglite = auditTestBackends.find((b) => b.name === 'pglite');
if (!pglite) throw new Error('no PGlite test back-end');

describe('runAudit (PGlite)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await pglite.open();
    await new PolicyStore(t.db).save(
      [{ id: 'no-export', kind: 'must_be_off', resource_type: 'dataset', switch: 'export' }],
      'ada',
      '2026-11-23T08:00:00.000Z',
    );
  });
  afterAll(() => t.dispose());

  function deps(upstream: FakeUpstream, clock: FakeClock, id: string): RunAuditDeps {
    return {
      audits: new AuditStore(t.db),
      policies: new PolicyStore(t.db),
      sweep: { upstream, clock, random: seededRandom() },
      newId: () => id,
      flushEvery: 7,
    };
  }

  it('stores who ran it, the policy version, every row (failures too) and the counts', async () => {
    const clock = new FakeClock();
    const upstream = new FakeUpstream(
      clock,
      { dataset: refs('dataset', 30) },
      {
        script: (r) => (r.resource_id === 'dataset-3' ? notFound() : undefined),
        record: (r) => ({ auth_switch_config: { use: true, export: r.resource_id.endsWith('1') } }),
      },
    );
    const events: AuditEvent[] = [];
    const summary = await clock.run(
      runAudit(
        deps(upstream, clock, 'run-1'),
        {
          request: { workspace_id: 'ws1', resource_types: ['dataset'], extra_resources: [] },
          projectId: 'p1',
          runBy: 'ada',
          role: 'admin',
        },
        (e) => events.push(e),
      ),
    );
    expect(summary).toMatchObject({
      id: 'run-1',
      status: 'finished',
      policy_version: 1,
      total: 30,
      done: 30,
      failed_count: 1,
      non_compliant_count: 3, // dataset-1, -11, -21
      run_by: 'ada',
      run_by_role: 'admin',
    });
    expect(events[0]).toMatchObject({ type: 'started', audit_id: 'run-1', total: 30 });
    expect(events.at(-1)).toEqual({ type: 'finished', audit: summary });
    const stored = await new AuditStore(t.db).detail('run-1');
    expect(stored?.rows).toHaveLength(30);
    expect(stored?.rows.find((r) => r.resource_id === 'dataset-3')?.status).toBe('failed');
    expect(stored?.status).toBe('finished');
  });

  it('a cancelled audit keeps the rows it got and says cancelled', async () => {
    const clock = new FakeClock();
    const upstream = new FakeUpstream(clock, { dataset: refs('dataset', 100) });
    const controller = new AbortController();
    void clock.sleep(30).then(() => controller.abort());
    const events: AuditEvent[] = [];
    const summary = await clock.run(
      runAudit(
        deps(upstream, clock, 'run-2'),
        {
          request: { workspace_id: 'ws1', resource_types: ['dataset'], extra_resources: [] },
          projectId: 'p1',
          runBy: 'ada',
          signal: controller.signal,
        },
        (e) => events.push(e),
      ),
    );
    expect(summary).toMatchObject({ status: 'cancelled', done: 16, total: 100 });
    expect(events.at(-1)).toEqual({ type: 'cancelled', audit_id: 'run-2' });
    expect((await new AuditStore(t.db).detail('run-2'))?.rows).toHaveLength(16);
  });
});
