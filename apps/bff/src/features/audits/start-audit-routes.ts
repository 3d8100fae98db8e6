import {
  auditEventContentType,
  auditIdParamSchema,
  startAuditRequestSchema,
  type AuditEvent,
} from '@portico/api-types';
import type { RequestHandler, Router } from 'express';
import { storableJson } from '../../db/storable-text';
import { HttpError } from '../../http/http-error';
import { validate } from '../../http/validate';
import type { AuditStore } from './audit-store';
import { insightSweepUpstream } from './insight-sweep-upstream';
import type { PolicyStore } from './policy-store';
import type { AuditsRouterDeps } from './router-deps';
import { runAudit } from './run-audit';

/** How often a running audit beats (see `AuditStore.heartbeat`) and looks for a cancel. */
export const defaultCancelPollMs = 1_000;

/**
 * `POST /api/audits` (NDJSON events while the sweep runs; closing the connection cancels) and
 * `POST /api/audits/:id/cancel`. A sweep runs in the process that started it; a cancel that
 * reaches another replica (several behind one PostgreSQL) is written to the audit's row, which
 * the running replica reads at each heartbeat.
 */
export function registerStartAuditRoutes(
  router: Router,
  deps: AuditsRouterDeps,
  shared: { audits: AuditStore; policies: PolicyStore; json: RequestHandler; now: () => Date },
): void {
  const { audits, policies, json, now } = shared;
  const running = new Map<string, AbortController>();

  router.post('/', deps.guard('runAudits'), json, async (req, res) => {
    const body = validate(startAuditRequestSchema, req.body, 'body');
    const actor = deps.actor(res);
    const controller = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    res.status(200).type(auditEventContentType).setHeader('Cache-Control', 'no-store');
    res.flushHeaders();
    // As the rows are stored (a NUL from upstream becomes U+FFFD): the rows shown while the
    // audit runs are the rows it keeps.
    const emit = (e: AuditEvent) => res.write(`${storableJson(e)}\n`);
    let id: string | undefined;
    let watch: NodeJS.Timeout | undefined;
    try {
      const upstream = insightSweepUpstream({
        client: deps.insight,
        session: actor,
        workspaceId: body.workspace_id,
        knownIds: (type) => audits.knownResourceIds(body.workspace_id, type),
      });
      const summary = await runAudit(
        {
          audits,
          policies,
          now,
          sweep: { upstream, limits: deps.limits, clock: deps.clock, random: deps.random },
        },
        {
          request: body,
          projectId: actor.projectId,
          runBy: actor.name,
          role: actor.role,
          signal: controller.signal,
          onCreated: (created) => {
            id = created;
            running.set(created, controller);
            watch = setInterval(() => {
              audits.heartbeat(created, now()).then(
                (beat) => beat.cancelRequested && controller.abort(),
                () => undefined, // a missed beat is retried at the next tick
              );
            }, deps.cancelPollMs ?? defaultCancelPollMs);
            watch.unref();
          },
        },
        emit,
      );
      await deps.record({
        user: actor.name,
        ...(actor.role ? { role: actor.role } : {}),
        operation: 'audit.run',
        target: summary.id,
        outcome: 'success',
        request_id: deps.requestId(res),
        workspace_id: summary.workspace_id,
        details: { status: summary.status, total: summary.total, failed: summary.failed_count },
      });
    } catch (e) {
      emit({ type: 'error', error: { code: 'internal', message: (e as Error).message } });
      await deps
        .record({
          user: actor.name,
          ...(actor.role ? { role: actor.role } : {}),
          operation: 'audit.run',
          target: id ?? body.workspace_id,
          outcome: 'failure',
          request_id: deps.requestId(res),
          error_code: 'internal',
          workspace_id: body.workspace_id,
        })
        .catch(() => undefined);
    } finally {
      clearInterval(watch);
      if (id) running.delete(id);
      res.end();
    }
  });

  router.post('/:id/cancel', deps.guard('runAudits'), async (req, res) => {
    const { id } = validate(auditIdParamSchema, req.params, 'id');
    const controller = running.get(id);
    if (controller) controller.abort();
    else if (!(await audits.requestCancel(id, now()))) {
      if (!(await audits.get(id))) throw new HttpError(404, 'not_found', `No audit ${id}`);
      throw new HttpError(409, 'conflict', `Audit ${id} is not running`);
    }
    res.status(202).json({ cancelled: id });
  });
}
