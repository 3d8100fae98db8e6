import {
  permissionSwitches,
  type AuditRow,
  type AuditSummary,
  type DriftChange,
  type DriftReport,
  type DriftResource,
} from '@portico/api-types';
import { csvLine } from './csv';

type Rows<T> = Iterable<T> | AsyncIterable<T>;

/** Who exported the evidence and when; the audit itself says who ran it. */
export interface ExportContext {
  exported_at: string;
  exported_by: string;
}

/** What makes an export stand alone as evidence: where, by whom, when, against which policy. */
export function auditMetadata(a: AuditSummary, ctx: ExportContext) {
  return {
    kind: 'portico.permission-audit',
    workspace_id: a.workspace_id,
    project_id: a.project_id,
    audit_id: a.id,
    run_by: a.run_by,
    run_by_role: a.run_by_role,
    started_at: a.started_at,
    finished_at: a.finished_at,
    status: a.status,
    resource_types: a.resource_types,
    policy_version: a.policy_version,
    total: a.total,
    done: a.done,
    failed_count: a.failed_count,
    non_compliant_count: a.non_compliant_count,
    ...ctx,
  };
}

export function driftMetadata(d: DriftReport, ctx: ExportContext) {
  const side = (a: AuditSummary) => ({
    audit_id: a.id,
    run_by: a.run_by,
    started_at: a.started_at,
    policy_version: a.policy_version,
  });
  return {
    kind: 'portico.permission-drift',
    workspace_id: d.workspace_id,
    project_id: d.project_id,
    from: side(d.from),
    to: side(d.to),
    ...ctx,
  };
}

const iso = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString());
const onOff = (v: boolean | undefined) => (v === undefined ? '' : v ? 'on' : 'off');

/** Repeated on every CSV record, so any extract of the file still says where it came from. */
const auditMetaHeader = ['workspace_id', 'project_id', 'audit_id', 'run_by', 'run_at', 'policy_version'];

export async function* auditCsv(a: AuditSummary, rows: Rows<AuditRow>): AsyncGenerator<string> {
  const meta = [a.workspace_id, a.project_id, a.id, a.run_by, a.started_at, a.policy_version];
  yield csvLine([
    ...auditMetaHeader,
    'resource_type',
    'resource_id',
    'name',
    'owner',
    'owner_name',
    ...permissionSwitches,
    'update_user_name',
    'update_date',
    'status',
    'compliance',
    'findings',
    'error_status',
    'error_code',
    'error_message',
    'error_request_id',
  ]);
  for await (const r of rows) {
    yield csvLine([
      ...meta,
      r.resource_type,
      r.resource_id,
      r.name,
      r.owner,
      r.owner_name,
      ...permissionSwitches.map((s) => (r.switches ? onOff(r.switches[s]) : '')),
      r.update_user_name,
      iso(r.update_date),
      r.status,
      r.compliance,
      r.findings.map((f) => `${f.rule_id}: ${f.message}`).join('; '),
      r.error?.status,
      r.error?.code,
      r.error?.message,
      r.error?.request_id,
    ]);
  }
}

/** `{"metadata":…,"rows":[…]}`, one row per line, so 10 000 rows never sit in one string. */
export async function* auditJson(a: AuditSummary, rows: Rows<AuditRow>, ctx: ExportContext): AsyncGenerator<string> {
  yield `{"metadata":${JSON.stringify(auditMetadata(a, ctx))},\n"rows":[`;
  let first = true;
  for await (const r of rows) {
    yield `${first ? '\n' : ',\n'}${JSON.stringify(r)}`;
    first = false;
  }
  yield '\n]}\n';
}

type DriftKind = 'turned_on' | 'turned_off' | 'added' | 'gone';

export function* driftCsv(d: DriftReport): Generator<string> {
  const meta = [d.workspace_id, d.project_id, d.from.id, d.from.started_at, d.to.id, d.to.started_at];
  yield csvLine([
    'workspace_id',
    'project_id',
    'from_audit_id',
    'from_run_at',
    'to_audit_id',
    'to_run_at',
    'change',
    'resource_type',
    'resource_id',
    'name',
    'switch',
    'update_user_name',
    'update_date',
  ]);
  const line = (kind: DriftKind, r: DriftChange | DriftResource, sw: string) =>
    csvLine([...meta, kind, r.resource_type, r.resource_id, r.name, sw, r.update_user_name, iso(r.update_date)]);
  for (const c of d.turned_on) yield line('turned_on', c, c.switch);
  for (const c of d.turned_off) yield line('turned_off', c, c.switch);
  for (const r of d.added) yield line('added', r, '');
  for (const r of d.gone) yield line('gone', r, '');
}

export function* driftJson(d: DriftReport, ctx: ExportContext): Generator<string> {
  yield `{"metadata":${JSON.stringify(driftMetadata(d, ctx))}`;
  for (const kind of ['turned_on', 'turned_off', 'added', 'gone', 'not_compared'] as const) {
    yield `,\n"${kind}":[`;
    let first = true;
    for (const item of d[kind]) {
      yield `${first ? '\n' : ',\n'}${JSON.stringify(item)}`;
      first = false;
    }
    yield '\n]';
  }
  yield '}\n';
}
