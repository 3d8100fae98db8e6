import type {
  AuditRow,
  AuditSummary,
  DriftChange,
  DriftReport,
  DriftResource,
  PermissionSwitch,
} from '@portico/api-types';
import { permissionSwitchSchema } from '@portico/api-types';

export interface StoredAudit {
  summary: AuditSummary;
  rows: Iterable<AuditRow>;
}

export class AuditsNotComparableError extends Error {
  override readonly name = 'AuditsNotComparableError';
}

const key = (r: AuditRow) => `${r.resource_type}\u0000${r.resource_id}`;

function asResource(r: AuditRow): DriftResource {
  const { resource_type, resource_id, name, owner, switches, update_user_name, update_date } = r;
  return { resource_type, resource_id, name, owner, switches, update_user_name, update_date };
}

function switchChanges(from: AuditRow, to: AuditRow): { on: DriftChange[]; off: DriftChange[] } {
  const on: DriftChange[] = [];
  const off: DriftChange[] = [];
  const names = new Set([...Object.keys(from.switches ?? {}), ...Object.keys(to.switches ?? {})]);
  for (const name of [...names].sort()) {
    const parsed = permissionSwitchSchema.safeParse(name);
    if (!parsed.success) continue; // a key no policy can name is not evidence of anything
    const before = from.switches?.[name] === true;
    const after = to.switches?.[name] === true;
    if (before === after) continue;
    const change: DriftChange = {
      resource_type: to.resource_type,
      resource_id: to.resource_id,
      name: to.name ?? from.name,
      switch: parsed.data satisfies PermissionSwitch,
      // Who changed it last and when: the newer audit's copy of the upstream record.
      update_user_name: to.update_user_name,
      update_date: to.update_date,
    };
    (after ? on : off).push(change);
  }
  return { on, off };
}

/**
 * What changed in a workspace between two audits: switches turned on or off, resources added or
 * gone. A resource unreadable in either audit cannot be compared and is listed apart.
 */
export function compareAudits(from: StoredAudit, to: StoredAudit): DriftReport {
  if (from.summary.workspace_id !== to.summary.workspace_id) {
    throw new AuditsNotComparableError('the two audits are of different workspaces');
  }
  const before = new Map<string, AuditRow>();
  for (const r of from.rows) before.set(key(r), r);
  const report: DriftReport = {
    workspace_id: to.summary.workspace_id,
    project_id: to.summary.project_id,
    from: from.summary,
    to: to.summary,
    turned_on: [],
    turned_off: [],
    added: [],
    gone: [],
    not_compared: [],
  };
  for (const r of to.rows) {
    const old = before.get(key(r));
    before.delete(key(r));
    if (!old) {
      report.added.push(asResource(r));
    } else if (old.status === 'failed' || r.status === 'failed') {
      report.not_compared.push({ resource_type: r.resource_type, resource_id: r.resource_id });
    } else {
      const { on, off } = switchChanges(old, r);
      report.turned_on.push(...on);
      report.turned_off.push(...off);
    }
  }
  for (const old of before.values()) report.gone.push(asResource(old));
  return report;
}
