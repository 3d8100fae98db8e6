import type { AuditRow, AuditSummary } from '@portico/api-types';

export function auditSummary(over: Partial<AuditSummary> = {}): AuditSummary {
  return {
    id: 'audit-1',
    workspace_id: 'ws1',
    project_id: 'p1',
    run_by: 'ada',
    run_by_role: 'admin',
    started_at: '2026-11-23T09:00:00.000Z',
    finished_at: '2026-11-23T09:00:05.000Z',
    status: 'finished',
    resource_types: ['dataset', 'dashboard'],
    policy_version: 2,
    total: 0,
    done: 0,
    failed_count: 0,
    non_compliant_count: 0,
    enumeration_errors: [],
    ...over,
  };
}

export function auditRow(over: Partial<AuditRow> = {}): AuditRow {
  return {
    resource_type: 'dataset',
    resource_id: 'ds-1',
    name: 'Sales',
    owner: 'u-1',
    owner_name: 'olga',
    switches: { use: true, edit: false },
    update_user_name: 'olga',
    update_date: 1_700_000_000_000,
    status: 'ok',
    compliance: 'compliant',
    findings: [],
    ...over,
  };
}

export async function collect(lines: Iterable<string> | AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const l of lines) out += l;
  return out;
}
