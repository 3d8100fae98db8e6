import { randomUUID } from 'node:crypto';
import {
  auditIdParamSchema,
  bulkFixRequestSchema,
  fixIdParamSchema,
  undoFixRequestSchema,
  type BulkFixAnswer,
  type BulkFixChange,
  type BulkFixRecordState,
  type BulkFixResult,
  type UndoFixPlan,
} from '@portico/api-types';
import type { RequestHandler, Response, Router } from 'express';
import { HttpError } from '../../http/http-error';
import { validate } from '../../http/validate';
import type { SettleResult } from '../../db/settle-queue';
import type { AuditStore } from './audit-store';
import { applyChanges, planBulkFix, planUndo } from './bulk-fix';
import { FixStore, fixRecords } from './fix-store';
import { PolicyStore } from './policy-store';
import type { AuditsRouterDeps } from './router-deps';
import { upstreamFailure } from './upstream-failure';

const recordStates: Record<SettleResult, BulkFixRecordState> = {
  written: 'written',
  queued: 'queued',
  dropped: 'lost',
};

/** `POST /api/audits/:id/fix` and `POST /api/audits/fix/:fixId/undo` (admins only). */
export function registerFixRoutes(
  router: Router,
  deps: AuditsRouterDeps,
  shared: { audits: AuditStore; json: RequestHandler },
): void {
  const { audits, json } = shared;
  const fixes = new FixStore(deps.db);
  const policies = new PolicyStore(deps.db);
  const now = deps.now ?? (() => new Date());

  const { settle } = deps;

  /**
   * Saves each change, writing one activity entry (with before/after) per save: `pending` before
   * the save is sent (the database away: the fix stops there, 503), settled once it is answered
   * (queued and retried if the database is away then, so no save goes unlogged). The answer
   * says whether the fix's own record was written, queued or lost.
   */
  async function apply(
    res: Response,
    changes: BulkFixChange[],
    meta: Pick<BulkFixResult, 'audit_id' | 'kind' | 'policy_version'> & { undo_of?: string },
    workspaceId: string,
  ): Promise<BulkFixAnswer> {
    const actor = deps.actor(res);
    const id = randomUUID();
    const startedAt = now().toISOString();
    const operation = meta.kind === 'fix' ? 'audit.fix' : 'audit.undo';
    const outcomes = await applyChanges(changes, {
      limits: deps.limits,
      clock: deps.clock,
      random: deps.random,
      async save(change, signal) {
        if (change.expected_update_date !== undefined) {
          // Never overwrite a change made since the audit (or since the fix, for an undo).
          const current = await deps.insight.readPermissions(actor, workspaceId, change, signal);
          if (current.update_date !== change.expected_update_date) {
            throw upstreamFailure(409, 'conflict', {
              message: `changed by ${current.update_user_name} since the audit; audit again`,
            });
          }
        }
        const saved = await deps.insight.savePermissions(
          actor,
          workspaceId,
          {
            resource_type: change.resource_type,
            resource_id: change.resource_id,
            auth_switch_config: change.after,
          },
          signal,
        );
        return { update_date: saved.update_date };
      },
      async begin(change) {
        const entry = await deps.record({
          user: actor.name,
          ...(actor.role ? { role: actor.role } : {}),
          operation,
          target: `${change.resource_type}:${change.resource_id}`, // the activity log's resource format
          outcome: 'pending',
          request_id: deps.requestId(res),
          workspace_id: workspaceId,
          before: change.before,
          after: change.after,
          details: {
            fix_id: id,
            audit_id: meta.audit_id,
            ...(meta.undo_of ? { undo_of: meta.undo_of } : {}),
          },
        });
        return entry.id;
      },
      async record(o, activityId) {
        if (!activityId) return undefined;
        await settle(activityId, {
          outcome: o.status === 'succeeded' ? 'success' : 'failure',
          ...(o.error ? { error_code: o.error.code } : {}),
          ...(o.error?.request_id ? { request_id: o.error.request_id } : {}),
        });
        return activityId;
      },
    });
    const result: BulkFixResult = {
      id,
      ...meta,
      run_by: actor.name,
      started_at: startedAt,
      finished_at: now().toISOString(),
      succeeded: outcomes.filter((o) => o.status === 'succeeded').length,
      failed: outcomes.filter((o) => o.status === 'failed').length,
      outcomes,
    };
    // The saves are made: the database away now queues the record rather than fail the request.
    return { ...result, record: recordStates[await fixRecords(deps.db).settle(id, result)] };
  }

  router.post('/:id/fix', deps.guard('fixAudits'), json, async (req, res) => {
    const { id } = validate(auditIdParamSchema, req.params, 'id');
    const body = validate(bulkFixRequestSchema, req.body, 'body');
    const audit = await audits.detail(id);
    if (!audit) throw new HttpError(404, 'not_found', `No audit ${id}`);
    const policy = await policies.current();
    if (body.policy_version !== undefined && body.policy_version !== policy.version) {
      throw new HttpError(409, 'conflict', `The policy is at version ${policy.version} now`, 'policy_version');
    }
    const plan = planBulkFix(audit, body.resources, policy);
    if (body.dry_run) return void res.json(plan);
    const result = await apply(
      res,
      plan.changes,
      { audit_id: id, kind: 'fix', policy_version: policy.version },
      audit.workspace_id,
    );
    res.json(result);
  });

  router.post('/fix/:fixId/undo', deps.guard('fixAudits'), json, async (req, res) => {
    const { fixId } = validate(fixIdParamSchema, req.params, 'fixId');
    const body = validate(undoFixRequestSchema, req.body ?? {}, 'body');
    const fix = await fixes.get(fixId);
    if (!fix && fixRecords(deps.db).has(fixId)) {
      throw new HttpError(
        503,
        'service_unavailable',
        `The record of fix ${fixId} is waiting for the database; it can be undone once the record is written`,
      );
    }
    if (!fix || fix.kind !== 'fix') throw new HttpError(404, 'not_found', `No fix ${fixId}`);
    // An undo may be partial (some resources only, or some saves failed): undo what is left.
    const changes = planUndo(fix, body.resources, await fixes.undosOf(fixId));
    if (changes.length === 0) {
      throw new HttpError(409, 'conflict', `Every change of fix ${fixId} has already been undone`);
    }
    if (body.dry_run) return void res.json({ fix_id: fixId, changes } satisfies UndoFixPlan);
    const audit = await audits.get(fix.audit_id);
    const result = await apply(
      res,
      changes,
      { audit_id: fix.audit_id, kind: 'undo', policy_version: fix.policy_version, undo_of: fixId },
      audit?.workspace_id ?? '',
    );
    res.json(result);
  });
}
