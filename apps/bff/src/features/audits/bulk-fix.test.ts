import type { BulkFixChange, BulkFixResult, Policy } from '@portico/api-types';
import { describe, expect, it } from 'vitest';
import { applyChanges, planBulkFix, planUndo } from './bulk-fix';
import { evaluateRow } from './policy';
import { auditRow } from './testing/audit-fixtures';
import { FakeClock } from './testing/fake-clock';
import { notFound, seededRandom, unavailable } from './testing/fake-upstream';

const policy: Policy = {
  version: 4,
  rules: [{ id: 'no-export', kind: 'must_be_off', resource_type: 'dataset', switch: 'export' }],
};
const judged = (id: string, exportOn: boolean) =>
  evaluateRow(auditRow({ resource_id: id, switches: { use: true, edit: false, export: exportOn } }), policy);
const audit = {
  id: 'a1',
  rows: [
    judged('bad-1', true),
    judged('bad-2', true),
    judged('good', false),
    { ...judged('broken', false), status: 'failed' as const, switches: undefined },
  ],
};
const ref = (resource_id: string) => ({ resource_type: 'dataset' as const, resource_id });

describe('planBulkFix', () => {
  it('lists every change before/after and says why the rest is skipped', () => {
    const plan = planBulkFix(audit, ['bad-1', 'bad-2', 'good', 'broken', 'ghost', 'bad-1'].map(ref), policy);
    expect(plan.policy_version).toBe(4);
    expect(plan.changes).toEqual([
      {
        ...ref('bad-1'),
        name: 'Sales',
        before: { use: true, edit: false, export: true },
        after: { use: true, edit: false, export: false },
        rule_ids: ['no-export'],
        expected_update_date: 1_700_000_000_000,
      },
      expect.objectContaining({ resource_id: 'bad-2' }),
    ]);
    expect(plan.skipped).toEqual([
      { ...ref('good'), reason: 'compliant' },
      { ...ref('broken'), reason: 'read_failed' },
      { ...ref('ghost'), reason: 'not_in_audit' },
    ]);
  });
});

describe('applyChanges', () => {
  const changes = planBulkFix(audit, [ref('bad-1'), ref('bad-2')], policy).changes;

  it('reports each save: retried 5xx succeeds, a 404 fails with its error; all recorded', async () => {
    const clock = new FakeClock();
    const tries = new Map<string, number>();
    const recorded: string[] = [];
    const outcomes = await clock.run(
      applyChanges(changes, {
        clock,
        random: seededRandom(),
        async save(change) {
          const n = (tries.get(change.resource_id) ?? 0) + 1;
          tries.set(change.resource_id, n);
          await clock.sleep(20);
          if (change.resource_id === 'bad-2') throw notFound();
          if (n === 1) throw unavailable();
          return { update_date: 1_800_000_000_000 };
        },
        async record(o) {
          recorded.push(`${o.resource_id}:${o.status}`);
          return `act-${o.resource_id}`;
        },
      }),
    );
    expect(outcomes).toEqual([
      {
        ...changes[0],
        status: 'succeeded',
        result_update_date: 1_800_000_000_000,
        activity_id: 'act-bad-1',
      },
      {
        ...changes[1],
        status: 'failed',
        error: expect.objectContaining({ status: 404, code: '24010003' }),
        activity_id: 'act-bad-2',
      },
    ]);
    expect(tries.get('bad-1')).toBe(2);
    expect(recorded.sort()).toEqual(['bad-1:succeeded', 'bad-2:failed']);
  });

  it('writes each change pending before sending it and settles that entry', async () => {
    const log: string[] = [];
    const outcomes = await applyChanges(changes, {
      limits: { concurrency: 1 },
      async begin(change) {
        log.push(`begin ${change.resource_id}`);
        return `act-${change.resource_id}`;
      },
      async save(change) {
        log.push(`save ${change.resource_id}`);
        return {};
      },
      async record(o, activityId) {
        log.push(`settle ${activityId} ${o.status}`);
        return activityId;
      },
    });
    expect(log).toEqual([
      'begin bad-1',
      'save bad-1',
      'settle act-bad-1 succeeded',
      'begin bad-2',
      'save bad-2',
      'settle act-bad-2 succeeded',
    ]);
    expect(outcomes.map((o) => o.activity_id)).toEqual(['act-bad-1', 'act-bad-2']);
  });

  it('stops before sending a change whose pending entry cannot be written', async () => {
    const saved: string[] = [];
    const down = new Error('database unavailable');
    const run = applyChanges(changes, {
      limits: { concurrency: 1 },
      async begin(change) {
        if (change.resource_id === 'bad-2') throw down;
        return `act-${change.resource_id}`;
      },
      async save(change) {
        saved.push(change.resource_id);
        return {};
      },
    });
    await expect(run).rejects.toBe(down);
    expect(saved).toEqual(['bad-1']);
  });

  it('never runs more saves at once than the concurrency', async () => {
    const clock = new FakeClock();
    let inFlight = 0;
    let max = 0;
    const many: BulkFixChange[] = Array.from({ length: 50 }, (_, i) => ({
      ...changes[0]!,
      resource_id: `d-${i}`,
    }));
    const outcomes = await clock.run(
      applyChanges(many, {
        clock,
        limits: { concurrency: 4 },
        async save() {
          inFlight += 1;
          max = Math.max(max, inFlight);
          await clock.sleep(20);
          inFlight -= 1;
          return {};
        },
      }),
    );
    expect(outcomes.filter((o) => o.status === 'succeeded')).toHaveLength(50);
    expect(max).toBe(4);
  });
});

describe('planUndo', () => {
  const fix: BulkFixResult = {
    id: 'f1',
    audit_id: 'a1',
    kind: 'fix',
    policy_version: 4,
    run_by: 'ada',
    started_at: '2026-11-23T10:00:00.000Z',
    finished_at: '2026-11-23T10:00:01.000Z',
    succeeded: 1,
    failed: 1,
    outcomes: [
      {
        ...ref('bad-1'),
        before: { use: true, export: true },
        after: { use: true, export: false },
        rule_ids: ['no-export'],
        status: 'succeeded',
        result_update_date: 1_800_000_000_000,
      },
      {
        ...ref('bad-2'),
        before: { use: true, export: true },
        after: { use: true, export: false },
        rule_ids: ['no-export'],
        status: 'failed',
      },
    ],
  };

  it('reverses only the saves that succeeded, expecting the state the fix left', () => {
    expect(planUndo(fix)).toEqual([
      {
        ...ref('bad-1'),
        before: { use: true, export: false },
        after: { use: true, export: true },
        rule_ids: ['no-export'],
        expected_update_date: 1_800_000_000_000,
      },
    ]);
  });

  it('can undo a chosen subset', () => {
    expect(planUndo(fix, [ref('bad-2')])).toEqual([]);
    expect(planUndo(fix, [ref('bad-1')])).toHaveLength(1);
  });

  it('leaves out what an earlier undo already reverted, but retries what it failed to', () => {
    const undo = (status: 'succeeded' | 'failed'): BulkFixResult => ({
      ...fix,
      id: 'u1',
      kind: 'undo',
      undo_of: fix.id,
      outcomes: [{ ...ref('bad-1'), before: {}, after: {}, rule_ids: [], status }],
    });
    expect(planUndo(fix, undefined, [undo('succeeded')])).toEqual([]);
    expect(planUndo(fix, undefined, [undo('failed')])).toHaveLength(1);
  });
});
