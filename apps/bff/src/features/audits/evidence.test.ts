import { describe, expect, it } from 'vitest';
import { compareAudits } from './drift';
import { auditCsv, auditJson, driftCsv, driftJson } from './evidence';
import { auditRow, auditSummary, collect } from './testing/audit-fixtures';

const ctx = { exported_at: '2026-11-23T11:00:00.000Z', exported_by: 'ada' };
const summary = auditSummary({ total: 2, done: 2, failed_count: 1 });
const rows = [
  auditRow({
    name: '=cmd|calc',
    switches: { use: true, edit: false, export: true },
    compliance: 'non_compliant',
    findings: [{ rule_id: 'no-export', kind: 'must_be_off', switch: 'export', message: 'off, please' }],
  }),
  auditRow({
    resource_id: 'ds-2',
    status: 'failed',
    switches: undefined,
    compliance: 'unknown',
    error: {
      status: 404,
      code: '24010003',
      message: 'Resource does not exist.',
      request_id: 'r-1',
    },
  }),
];

describe('audit evidence', () => {
  it('CSV: a header, one record per row, metadata on each, injection defused', async () => {
    const csv = await collect(auditCsv(summary, rows));
    const lines = csv.split('\r\n');
    expect(lines).toHaveLength(4); // header, two rows, trailing empty
    expect(lines[0]).toMatch(/^workspace_id,project_id,audit_id,run_by,run_at,policy_version,/);
    expect(lines[0]).toContain(',read,edit,export,use,');
    expect(lines[1]).toContain('ws1,p1,audit-1,ada,2026-11-23T09:00:00.000Z,2,dataset,ds-1,');
    expect(lines[1]).toContain("'=cmd|calc");
    expect(lines[1]).toContain(',olga,,off,on,on,olga,2023-11-14T22:13:20.000Z,ok,non_compliant,');
    expect(lines[1]).toContain('no-export: off, please');
    expect(lines[2]).toMatch(/,failed,unknown,,404,24010003,Resource does not exist\.,r-1$/);
  });

  it('JSON: parses whole, with metadata that stands alone', async () => {
    const doc = JSON.parse(await collect(auditJson(summary, rows, ctx)));
    expect(doc.metadata).toMatchObject({
      kind: 'portico.permission-audit',
      workspace_id: 'ws1',
      project_id: 'p1',
      audit_id: 'audit-1',
      run_by: 'ada',
      started_at: '2026-11-23T09:00:00.000Z',
      policy_version: 2,
      exported_by: 'ada',
      exported_at: ctx.exported_at,
    });
    expect(doc.rows).toEqual(rows);
    expect(JSON.parse(await collect(auditJson(summary, [], ctx))).rows).toEqual([]);
  });
});

describe('drift evidence', () => {
  const report = compareAudits(
    { summary: auditSummary({ id: 'a1' }), rows: [auditRow(), auditRow({ resource_id: 'gone' })] },
    {
      summary: auditSummary({ id: 'a2', run_by: 'bob' }),
      rows: [auditRow({ switches: { use: true, edit: true }, update_user_name: 'bob' })],
    },
  );

  it('CSV lists every change with both audits named', async () => {
    const lines = (await collect(driftCsv(report))).trim().split('\r\n');
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^ws1,p1,a1,.*,a2,.*,turned_on,dataset,ds-1,Sales,edit,bob,/),
      expect.stringMatching(/,gone,dataset,gone,Sales,,olga,/),
    ]);
  });

  it('JSON parses back to the report, with metadata', async () => {
    const doc = JSON.parse(await collect(driftJson(report, ctx)));
    expect(doc.metadata).toMatchObject({
      kind: 'portico.permission-drift',
      workspace_id: 'ws1',
      from: { audit_id: 'a1', run_by: 'ada', policy_version: 2 },
      to: { audit_id: 'a2', run_by: 'bob' },
    });
    expect(doc.turned_on).toEqual(JSON.parse(JSON.stringify(report.turned_on)));
    expect(doc.gone).toHaveLength(1);
    expect(doc.not_compared).toEqual([]);
  });
});
