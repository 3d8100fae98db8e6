import {
  auditIdParamSchema,
  driftQuerySchema,
  listAuditsQuerySchema,
  savePolicyRequestSchema,
} from '@portico/api-types';
import express, { Router, type Response } from 'express';
import { HttpError } from '../../http/http-error';
import { validate } from '../../http/validate';
import { AuditStore } from './audit-store';
import { AuditsNotComparableError, compareAudits } from './drift';
import { auditCsv, auditJson, driftCsv, driftJson } from './evidence';
import { registerFixRoutes } from './fix-routes';
import { PolicyStore, PolicyVersionConflictError } from './policy-store';
import type { AuditsRouterDeps } from './router-deps';
import { registerStartAuditRoutes } from './start-audit-routes';

async function pipeLines(res: Response, type: string, name: string, lines: AsyncIterable<string> | Iterable<string>) {
  res.status(200).type(type).setHeader('Content-Disposition', `attachment; filename="${name}"`);
  for await (const line of lines) if (!res.write(line)) await new Promise((r) => res.once('drain', r));
  res.end();
}

/** `/audits…` and `/policy` (mounted at `/api`): sweep, read, compare, export, fix (see fix-routes). */
export function createAuditsRouter(deps: AuditsRouterDeps): Router {
  // Two prefixes, each matched once: a request elsewhere in /api skips every audit route.
  const auditRoutes = Router();
  const policyRoutes = Router();
  const audits = new AuditStore(deps.db);
  const policies = new PolicyStore(deps.db);
  const json = express.json({ limit: '2mb' });
  const now = deps.now ?? (() => new Date());
  const found = async (id: string) => {
    const a = await audits.get(id);
    if (!a) throw new HttpError(404, 'not_found', `No audit ${id}`);
    return a;
  };
  const exportContext = (res: Response) => ({
    exported_at: now().toISOString(),
    exported_by: deps.actor(res).name,
  });

  auditRoutes.get('/', deps.guard('runAudits'), async (req, res) => {
    res.json(await audits.list(validate(listAuditsQuerySchema, req.query, 'query')));
  });

  const drift = async (query: unknown) => {
    const q = validate(driftQuerySchema, query, 'query');
    const [from, to] = [await found(q.from), await found(q.to)];
    try {
      return compareAudits(
        { summary: from, rows: await audits.detail(from.id).then((d) => d?.rows ?? []) },
        { summary: to, rows: await audits.detail(to.id).then((d) => d?.rows ?? []) },
      );
    } catch (e) {
      if (e instanceof AuditsNotComparableError) throw new HttpError(400, 'validation_failed', e.message, 'to');
      throw e;
    }
  };
  auditRoutes.get('/drift', deps.guard('runAudits'), async (req, res) => {
    res.json(await drift(req.query));
  });
  auditRoutes.get('/drift/export.csv', deps.guard('runAudits'), async (req, res) => {
    const d = await drift(req.query);
    await pipeLines(res, 'text/csv; charset=utf-8', `drift-${d.from.id}-${d.to.id}.csv`, driftCsv(d));
  });
  auditRoutes.get('/drift/export.json', deps.guard('runAudits'), async (req, res) => {
    const d = await drift(req.query);
    await pipeLines(res, 'application/json', `drift-${d.from.id}-${d.to.id}.json`, driftJson(d, exportContext(res)));
  });

  auditRoutes.get('/:id', deps.guard('runAudits'), async (req, res) => {
    const { id } = validate(auditIdParamSchema, req.params, 'id');
    await found(id);
    res.json(await audits.detail(id));
  });
  auditRoutes.get('/:id/export.csv', deps.guard('runAudits'), async (req, res) => {
    const a = await found(validate(auditIdParamSchema, req.params, 'id').id);
    await pipeLines(res, 'text/csv; charset=utf-8', `audit-${a.id}.csv`, auditCsv(a, audits.rows(a.id)));
  });
  auditRoutes.get('/:id/export.json', deps.guard('runAudits'), async (req, res) => {
    const a = await found(validate(auditIdParamSchema, req.params, 'id').id);
    await pipeLines(res, 'application/json', `audit-${a.id}.json`, auditJson(a, audits.rows(a.id), exportContext(res)));
  });

  policyRoutes.get('/', deps.guard('runAudits'), async (_req, res) => {
    res.json(await policies.current());
  });
  policyRoutes.put('/', deps.guard('managePolicy'), json, async (req, res) => {
    const body = validate(savePolicyRequestSchema, req.body, 'body');
    const actor = deps.actor(res);
    try {
      const saved = await policies.save(body.rules, actor.name, now().toISOString(), body.expected_version);
      await deps.record({
        user: actor.name,
        ...(actor.role ? { role: actor.role } : {}),
        operation: 'policy.save',
        target: `policy v${saved.version}`,
        outcome: 'success',
        request_id: deps.requestId(res),
        details: { rules: saved.rules.length },
      });
      res.json(saved);
    } catch (e) {
      if (!(e instanceof PolicyVersionConflictError)) throw e;
      throw new HttpError(409, 'conflict', e.message, 'expected_version', undefined, {
        current: e.current,
      });
    }
  });

  registerStartAuditRoutes(auditRoutes, deps, { audits, policies, json, now });
  registerFixRoutes(auditRoutes, deps, { audits, json });
  const router = Router();
  router.use('/audits', auditRoutes);
  router.use('/policy', policyRoutes);
  return router;
}
