import type { AuditDetail, AuditRow } from '@portico/api-types';
import { auditRow, failedRow } from './audit-rows';

const finding = {
  rule_id: 'no-ds-use',
  kind: 'must_be_off' as const,
  switch: 'use' as const,
  message: 'use must be off on every dataset',
};

/** Three rows: one dataset breaking the policy, one compliant, one unreadable dashboard. */
export function scenarioRows(): AuditRow[] {
  return [
    auditRow({
      resource_id: 'ds-1',
      name: 'Orders',
      switches: { use: true, edit: false },
      compliance: 'non_compliant',
      findings: [finding],
    }),
    auditRow({ resource_id: 'ds-2', name: 'Sales', switches: { use: false, edit: false } }),
    failedRow('db-9'),
  ];
}

/** A stored audit of the scenario rows (for drift, evidence and fix tests). */
export function storedAudit(id: string, rows: AuditRow[], startedAt: string): AuditDetail {
  return {
    id,
    workspace_id: 'ws-default',
    project_id: 'p-1',
    run_by: 'demo-admin',
    started_at: startedAt,
    finished_at: startedAt,
    status: 'finished',
    resource_types: ['dataset', 'dashboard'],
    policy_version: 1,
    total: rows.length,
    done: rows.length,
    failed_count: rows.filter((r) => r.status === 'failed').length,
    non_compliant_count: rows.filter((r) => r.compliance === 'non_compliant').length,
    enumeration_errors: [],
    counts: { dataset: { total: 2, failed: 0, non_compliant: 1, switches_on: { use: 1, edit: 0 } } },
    rows,
  };
}
