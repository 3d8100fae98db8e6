import type { AuditRow } from '@portico/api-types';

/** A readable, compliant dataset row; override what a test is about. */
export function auditRow(overrides: Partial<AuditRow> = {}): AuditRow {
  return {
    resource_type: 'dataset',
    resource_id: 'ds-1',
    name: 'Sales',
    owner: 'u-1',
    owner_name: 'demo-admin',
    switches: { use: true, edit: false },
    update_user_name: 'demo-admin',
    update_date: Date.UTC(2026, 0, 10),
    status: 'ok',
    compliance: 'compliant',
    findings: [],
    ...overrides,
  };
}

/** A row whose read failed upstream. */
export function failedRow(id: string): AuditRow {
  return {
    resource_type: 'dashboard',
    resource_id: id,
    status: 'failed',
    error: { status: 503, service: 'insight', code: 'DLI.0999', message: 'Service busy', request_id: `up-${id}` },
    compliance: 'unknown',
    findings: [],
  };
}
