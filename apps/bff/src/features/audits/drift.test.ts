import { describe, expect, it } from 'vitest';
import { AuditsNotComparableError, compareAudits } from './drift';
import { auditRow, auditSummary } from './testing/audit-fixtures';

const from = auditSummary({ id: 'a1' });
const to = auditSummary({ id: 'a2', started_at: '2026-11-23T10:00:00.000Z' });

describe('compareAudits', () => {
  it('finds switches turned on and off, with who changed them last', () => {
    const report = compareAudits(
      { summary: from, rows: [auditRow({ switches: { use: true, edit: false, export: true } })] },
      {
        summary: to,
        rows: [
          auditRow({
            switches: { use: true, edit: true, export: false },
            update_user_name: 'bob',
            update_date: 1_800_000_000_000,
          }),
        ],
      },
    );
    expect(report.turned_on).toEqual([
      {
        resource_type: 'dataset',
        resource_id: 'ds-1',
        name: 'Sales',
        switch: 'edit',
        update_user_name: 'bob',
        update_date: 1_800_000_000_000,
      },
    ]);
    expect(report.turned_off.map((c) => c.switch)).toEqual(['export']);
    expect(report).toMatchObject({ added: [], gone: [], not_compared: [], workspace_id: 'ws1' });
    expect(report.from.id).toBe('a1');
  });

  it('finds resources added and gone', () => {
    const report = compareAudits(
      {
        summary: from,
        rows: [auditRow({ resource_id: 'old' }), auditRow({ resource_id: 'both' })],
      },
      { summary: to, rows: [auditRow({ resource_id: 'both' }), auditRow({ resource_id: 'new' })] },
    );
    expect(report.added.map((r) => r.resource_id)).toEqual(['new']);
    expect(report.gone.map((r) => r.resource_id)).toEqual(['old']);
    expect(report.turned_on).toEqual([]);
  });

  it('does not compare a resource that failed in either audit', () => {
    const failed = auditRow({ status: 'failed', switches: undefined, compliance: 'unknown' });
    const report = compareAudits(
      { summary: from, rows: [auditRow({ switches: { use: false } })] },
      { summary: to, rows: [failed] },
    );
    expect(report.not_compared).toEqual([{ resource_type: 'dataset', resource_id: 'ds-1' }]);
    expect(report.turned_off).toEqual([]);
  });

  it('refuses audits of different workspaces', () => {
    expect(() =>
      compareAudits({ summary: from, rows: [] }, { summary: { ...to, workspace_id: 'ws2' }, rows: [] }),
    ).toThrow(AuditsNotComparableError);
  });
});
