import { setTimeout } from 'node:timers/promises';
import { can, type ActivityEntry, type Capability, type PermissionsRecord, type Role } from '@portico/api-types';
import express, { type ErrorRequestHandler } from 'express';
import { HttpError } from '../../../http/http-error';
import type { Database } from '../../../db/database';
import { createAuditsRouter } from '../router';
import type { AuditsRouterDeps } from '../router-deps';
import { permissionsRecord } from './fake-upstream';

/**
 * The audits router in a bare Express app: the role comes from an `x-test-role` header (the
 * session feature's job in the real app), the Insight client is an in-memory store of records.
 */
export function auditsTestApp(
  db: Database,
  datasets: number,
  latencyMs = 0,
  extra: Partial<Pick<AuditsRouterDeps, 'cancelPollMs' | 'record' | 'settle'>> = {},
) {
  const records = new Map<string, PermissionsRecord>();
  for (let i = 0; i < datasets; i++) {
    const ref = { resource_type: 'dataset' as const, resource_id: `ds-${i}` };
    records.set(ref.resource_id, permissionsRecord(ref, { auth_switch_config: { use: true, export: i % 2 === 0 } }));
  }
  const activity: Omit<ActivityEntry, 'id' | 'at'>[] = [];
  let updates = 0;
  const insight: AuditsRouterDeps['insight'] = {
    async listResources(_s, _ws, type, q) {
      const items =
        type === 'dataset'
          ? [...records.values()].map((r) => ({ id: r.resource_id, name: `Set ${r.resource_id}` }))
          : [];
      return { count: items.length, items: items.slice(q.offset, q.offset + q.limit) };
    },
    async readPermissions(_s, _ws, q, signal) {
      // The audits pass their sweep's own AbortSignal; only browser requests pass a lighter one.
      if (latencyMs > 0) await setTimeout(latencyMs, undefined, { signal: signal as AbortSignal | undefined });
      const r = records.get(q.resource_id);
      if (!r) throw new HttpError(404, 'not_found', 'gone');
      return r;
    },
    async savePermissions(_s, _ws, body) {
      const r = records.get(body.resource_id);
      if (!r)
        throw Object.assign(new Error('Resource does not exist.'), {
          status: 404,
          code: '24010003',
          message: 'Resource does not exist.',
        });
      const saved = {
        ...r,
        auth_switch_config: body.auth_switch_config ?? {},
        update_user_name: 'ada',
        update_date: r.update_date + ++updates,
      };
      records.set(body.resource_id, saved);
      return saved;
    },
  };
  const roleOf = (h: unknown): Role => (h === 'admin' || h === 'auditor' ? h : 'operator');
  const errors: ErrorRequestHandler = (err, _req, res, _next) => {
    const e = err instanceof HttpError ? err : new HttpError(500, 'internal', String(err));
    res.status(e.status).json({
      error: { code: e.code, message: e.message, field: e.field, ...e.extra },
      request_id: 'r',
    });
  };
  const app = express();
  app.use(
    '/api',
    createAuditsRouter({
      db,
      insight,
      guard: (c: Capability) => (req, _res, next) =>
        next(can([roleOf(req.headers['x-test-role'])], c) ? undefined : new HttpError(403, 'forbidden', c)),
      actor: (res) => ({
        name: `${roleOf(res.req.headers['x-test-role'])}-user`,
        role: roleOf(res.req.headers['x-test-role']),
        token: 't',
        projectId: 'p1',
      }),
      record: async (entry) => {
        activity.push(entry);
        return { id: `act-${activity.length}` };
      },
      settle: async (id, settlement) => {
        const entry = activity[Number(id.slice('act-'.length)) - 1];
        if (!entry) throw new Error(`no activity entry ${id}`);
        Object.assign(entry, settlement);
        if (!settlement.error_code) delete entry.error_code;
      },
      requestId: () => 'req-1',
      ...extra,
    }),
  );
  app.use(errors);
  return { app, records, activity };
}
