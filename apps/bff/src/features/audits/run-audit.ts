import { randomUUID } from 'node:crypto';
import type { AuditEvent, AuditRow, AuditSummary, Role, StartAuditRequest } from '@portico/api-types';
import { resourceTypes } from '@portico/api-types';
import type { AuditStore } from './audit-store';
import type { PolicyStore } from './policy-store';
import { runSweep } from './sweep';
import type { SweepDeps } from './sweep-options';

export interface RunAuditInput {
  request: StartAuditRequest;
  projectId: string;
  runBy: string;
  role?: Role;
  signal?: AbortSignal;
  /** Told the audit's id before any upstream call, so it can be cancelled by id. */
  onCreated?: (id: string) => void;
}

export interface RunAuditDeps {
  audits: AuditStore;
  policies: PolicyStore;
  sweep: SweepDeps;
  now?: () => Date;
  newId?: () => string;
  /** Rows kept in memory before they are written (one batched INSERT). */
  flushEvery?: number;
}

/**
 * One audit from start to stored result: records who ran it against which policy version,
 * sweeps, writes rows in batches as they arrive and emits the NDJSON events. A failure of the
 * sweep itself marks the audit `failed` and is rethrown for the caller's `error` event.
 */
export async function runAudit(
  deps: RunAuditDeps,
  input: RunAuditInput,
  emit: (e: AuditEvent) => void,
): Promise<AuditSummary> {
  const now = deps.now ?? (() => new Date());
  const policy = await deps.policies.current();
  const types = input.request.resource_types ?? [...resourceTypes];
  let summary: AuditSummary = {
    id: (deps.newId ?? randomUUID)(),
    workspace_id: input.request.workspace_id,
    project_id: input.projectId,
    run_by: input.runBy,
    ...(input.role ? { run_by_role: input.role } : {}),
    started_at: now().toISOString(),
    status: 'running',
    resource_types: types,
    policy_version: policy.version,
    total: 0,
    done: 0,
    failed_count: 0,
    non_compliant_count: 0,
    enumeration_errors: [],
  };
  await deps.audits.create(summary);
  input.onCreated?.(summary.id);
  let pending: AuditRow[] = [];
  let writing: Promise<void> = Promise.resolve();
  const flush = () => {
    const batch = pending;
    pending = [];
    // Writes run one after another, off the sweep's path; the last is awaited before the end.
    writing = writing.then(() => deps.audits.addRows(summary.id, batch));
  };
  try {
    const outcome = await runSweep(deps.sweep, {
      resourceTypes: types,
      extraResources: input.request.extra_resources,
      policy,
      ...(input.signal ? { signal: input.signal } : {}),
      onEvent: (e) => {
        if (e.type === 'started') {
          emit({
            type: 'started',
            audit_id: summary.id,
            total: e.total,
            enumeration_errors: e.enumeration_errors,
          });
          return;
        }
        if (e.type === 'row') {
          pending.push(e.row);
          if (pending.length >= (deps.flushEvery ?? 500)) flush();
        }
        emit(e);
      },
    });
    flush();
    await writing;
    summary = {
      ...summary,
      status: outcome.status,
      finished_at: now().toISOString(),
      total: outcome.total,
      done: outcome.done,
      failed_count: outcome.failed,
      non_compliant_count: outcome.nonCompliant,
      enumeration_errors: outcome.enumerationErrors,
    };
    await deps.audits.updateProgress(summary.id, summary);
    emit(
      outcome.status === 'cancelled'
        ? { type: 'cancelled', audit_id: summary.id }
        : { type: 'finished', audit: summary },
    );
    return summary;
  } catch (e) {
    await writing.catch(() => undefined);
    await deps.audits.updateProgress(summary.id, {
      ...summary,
      status: 'failed',
      finished_at: now().toISOString(),
    });
    throw e;
  }
}
