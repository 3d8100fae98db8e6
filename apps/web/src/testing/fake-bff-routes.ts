import {
  exportResourcePackageBodySchema,
  exportWorkflowsBodySchema,
  getPermissionsQuerySchema,
  importAssetsOptionsSchema,
  isListableResourceType,
  listActivityQuerySchema,
  listResourcesQuerySchema,
  listWorkflowsBffQuerySchema,
  savePermissionsRequestSchema,
  signInRequestSchema,
} from '@portico/api-types';
import type { z } from 'zod';
import { demoAccount, knownUnlistedIds } from './fake-bff-data';
import type { FakeBff, FakeRequest } from './fake-bff';
import { bffError, fileResponse, json } from './responses';

const encoder = new TextEncoder();

function parse<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { ok: true; data: z.infer<S> } | { ok: false; res: Response } {
  const r = schema.safeParse(input);
  if (r.success) return { ok: true, data: r.data };
  const issue = r.error.issues[0];
  const field = issue?.path.join('.') ?? '';
  return { ok: false, res: bffError(400, 'validation_failed', `${field}: ${issue?.message ?? 'invalid'}`, { field }) };
}

const query = (req: FakeRequest) => Object.fromEntries(req.url.searchParams);

export async function routeRequest(fake: FakeBff, req: FakeRequest): Promise<Response> {
  const route = `${req.method} ${req.url.pathname}`;
  const jobMatch = /^\/api\/roma\/assets\/jobs\/([^/]+)$/.exec(req.url.pathname);
  if (req.method === 'GET' && jobMatch) {
    const job = fake.jobs.get(jobMatch[1] ?? '');
    if (!job) return bffError(404, 'not_found', 'No such job.');
    const polls = ((job.polls as number | undefined) ?? 0) + 1;
    const done = polls > fake.jobPlan.pollsUntilDone;
    const next = { ...job, polls, status: done ? fake.jobPlan.outcome : 'RUNNING', progress_percent: done ? 1 : 0.5 };
    if (done && fake.jobPlan.outcome === 'FAILED') {
      next.reasons = [
        {
          resource_type: 'task',
          resource_name: 'sync-orders',
          error_code: 'ROMA.13000',
          error_msg: 'Task definition invalid',
        },
      ];
    }
    fake.jobs.set(job.id, next as typeof job);
    return json(200, next);
  }
  switch (route) {
    case 'GET /api/session':
      return fake.session ? json(200, fake.session) : bffError(401, 'unauthenticated', 'Sign in first.');
    case 'POST /api/session': {
      const p = parse(signInRequestSchema, req.body);
      if (!p.ok) return p.res;
      const { domain, username, password } = p.data;
      if (domain !== demoAccount.domain || username !== demoAccount.username || password !== demoAccount.password) {
        return bffError(401, 'invalid_credentials', 'Wrong account, user name or password.');
      }
      return json(201, fake.signIn());
    }
    case 'DELETE /api/session':
      fake.session = undefined;
      return new Response(null, { status: 204 });
    case 'GET /api/insight/workspaces':
      return json(200, { total: fake.workspaces.length, items: fake.workspaces });
    case 'GET /api/insight/resources': {
      const p = parse(listResourcesQuerySchema, query(req));
      if (!p.ok) return p.res;
      const { type, search, offset, limit } = p.data;
      const matching = fake.resources.filter(
        (r) => r.resource_type === type && (!search || r.name.toLowerCase().includes(search.toLowerCase())),
      );
      return json(200, { total: matching.length, offset, limit, items: matching.slice(offset, offset + limit) });
    }
    case 'GET /api/insight/permissions': {
      const p = parse(getPermissionsQuerySchema, query(req));
      if (!p.ok) return p.res;
      const { resource_type, resource_id } = p.data;
      const known = isListableResourceType(resource_type)
        ? fake.resources.some((r) => r.id === resource_id)
        : (knownUnlistedIds[resource_type] ?? []).includes(resource_id);
      if (!known) {
        return bffError(404, 'upstream_error', 'The resource does not exist.', {
          upstream: {
            status: 404,
            service: 'insight',
            code: '24010003',
            message: 'Resource does not exist',
            request_id: 'up-404',
          },
        });
      }
      return json(200, fake.permissionsOf(resource_type, resource_id));
    }
    case 'PUT /api/insight/permissions': {
      const p = parse(savePermissionsRequestSchema, req.body);
      if (!p.ok) return p.res;
      const current = fake.permissionsOf(p.data.resource_type, p.data.resource_id);
      if (p.data.expected_update_date !== undefined && p.data.expected_update_date !== current.update_date) {
        return bffError(409, 'conflict', 'The resource changed since you loaded it.', { current });
      }
      const next = {
        ...current,
        auth_switch_config: p.data.auth_switch_config,
        update_date: current.update_date + 1000,
        update_user_name: demoAccount.username,
      };
      fake.permissions.set(`${p.data.resource_type}/${p.data.resource_id}`, next);
      return json(200, next);
    }
    case 'POST /api/insight/resource-packages/export': {
      const p = parse(exportResourcePackageBodySchema, req.body);
      if (!p.ok) return p.res;
      const chunks = [encoder.encode('PK\u0003\u0004'), encoder.encode(JSON.stringify(p.data.resources))];
      return fileResponse(chunks, { filename: `attachment; filename="${p.data.name}.zip"`, signal: req.signal });
    }
    case 'GET /api/secmaster/workflows': {
      const p = parse(listWorkflowsBffQuerySchema, query(req));
      if (!p.ok) return p.res;
      // As the BFF passes the search to SecMaster's `name` filter: a case-blind substring.
      const needle = p.data.search?.toLowerCase();
      const found = needle ? fake.workflows.filter((w) => w.name.toLowerCase().includes(needle)) : fake.workflows;
      return json(200, {
        total: found.length,
        offset: p.data.offset,
        limit: p.data.limit,
        items: found.slice(p.data.offset, p.data.offset + p.data.limit),
      });
    }
    case 'POST /api/secmaster/workflows/export': {
      const p = parse(exportWorkflowsBodySchema, req.body);
      if (!p.ok) return p.res;
      return fileResponse([encoder.encode(JSON.stringify({ workflows: p.data.id }))], {
        filename: 'attachment;filename=workflow.json',
        signal: req.signal,
      });
    }
    case 'POST /api/roma/assets/import': {
      const p = parse(importAssetsOptionsSchema, query(req));
      if (!p.ok) return p.res;
      if (!(req.body instanceof FormData) || !(req.body.get('ImportAssetRequestBody') instanceof Blob)) {
        return bffError(400, 'validation_failed', 'ImportAssetRequestBody: required', {
          field: 'ImportAssetRequestBody',
        });
      }
      const id = `job-${fake.jobs.size + 1}`;
      fake.jobs.set(id, {
        id,
        type: 'importAsset',
        status: 'RUNNING',
        progress_percent: 0,
        begin_time: '2026-11-23T10:00:00Z',
      });
      return json(200, { job_id: id });
    }
    case 'GET /api/activity':
    case 'GET /api/activity.csv': {
      const p = parse(listActivityQuerySchema, query(req));
      if (!p.ok) return p.res;
      const f = p.data;
      const items = fake.activity.filter(
        (a) =>
          (!f.user || a.user === f.user) &&
          (!f.operation || a.operation === f.operation) &&
          (!f.outcome || a.outcome === f.outcome),
      );
      if (route === 'GET /api/activity.csv') {
        const csv = ['at,user,operation', ...items.map((a) => `${a.at},${a.user},${a.operation}`)].join('\n');
        return new Response(csv, {
          headers: { 'content-type': 'text/csv', 'content-disposition': 'attachment; filename="activity.csv"' },
        });
      }
      return json(200, {
        total: items.length,
        offset: f.offset,
        limit: f.limit,
        items: items.slice(f.offset, f.offset + f.limit),
      });
    }
    default:
      return bffError(404, 'not_found', `No route ${route}`);
  }
}
