import type { AuditRow, AuditTypeCounts } from '@portico/api-types';

/** Summary counts per resource type: resources, failures, findings, and each switch turned on. */
export function countRows(rows: Iterable<AuditRow>): Record<string, AuditTypeCounts> {
  const out: Record<string, AuditTypeCounts> = {};
  for (const r of rows) {
    const c = (out[r.resource_type] ??= { total: 0, failed: 0, non_compliant: 0, switches_on: {} });
    c.total += 1;
    if (r.status === 'failed') c.failed += 1;
    if (r.compliance === 'non_compliant') c.non_compliant += 1;
    for (const [name, on] of Object.entries(r.switches ?? {})) {
      c.switches_on[name] = (c.switches_on[name] ?? 0) + (on ? 1 : 0);
    }
  }
  return out;
}
