import express, { type Request, type Response, type Router } from 'express';
import {
  getPropertiesQuerySchema,
  insightErrorCodes,
  normaliseAuthSwitchConfig,
  savePropertiesRequestSchema,
  unknownSwitches,
  type CooperateAuthorizationProperties,
} from '@portico/api-types/upstream';
import { callerOf } from '../common/caller';
import type { ServiceContext } from '../context';
import { sendInsightError, sendInvalidParameter, sendResourceNotFound } from './errors';
import { workspaceOf } from './guards';
import type { InsightIndexes } from './indexes';
import type { InsightResource, InsightState } from './state';

type Guard = (req: Request, res: Response, next: () => void) => void;

/** GET/POST `…/authorization/cooperate-authorization/properties`: the collaboration switches. */
export function mountPropertiesRoutes(
  router: Router,
  ctx: ServiceContext,
  state: InsightState,
  indexes: InsightIndexes,
  guards: Guard[],
): void {
  const path = '/v1/:projectId/authorization/cooperate-authorization/properties';
  const find = (res: Response, id: string, type: string): InsightResource | undefined => {
    const r = indexes.byId.get(id);
    return r && r.resource_type === type && r.workspace_id === workspaceOf(res) ? r : undefined;
  };

  router.get(path, ...guards, (req, res) => {
    const q = getPropertiesQuerySchema.safeParse(req.query);
    if (!q.success) return sendInvalidParameter(res, q.error);
    const resource = find(res, q.data.resource_id, q.data.resource_type);
    const record = resource ? state.properties[resource.id] : undefined;
    if (!record) return sendResourceNotFound(res, q.data.resource_id);
    const body: CooperateAuthorizationProperties = record;
    res.json(body);
  });

  router.post(path, ...guards, express.json({ limit: '64kb' }), (req, res) => {
    const parsed = savePropertiesRequestSchema.safeParse(req.body);
    if (!parsed.success) return sendInvalidParameter(res, parsed.error);
    const { resource_id, resource_type, auth_switch_config } = parsed.data;
    const unknown = unknownSwitches(resource_type, auth_switch_config ?? {});
    if (unknown.length > 0) {
      sendInsightError(
        res,
        400,
        insightErrorCodes.invalidParameter,
        `Invalid parameter auth_switch_config: unknown switch ${unknown.join(', ')} for ${resource_type}.`,
      );
      return;
    }
    const resource = find(res, resource_id, resource_type);
    if (!resource) return sendResourceNotFound(res, resource_id);
    const caller = callerOf(res);
    const now = ctx.now();
    const previous = state.properties[resource.id];
    const record: CooperateAuthorizationProperties = {
      id: previous?.id ?? ctx.newUuid(),
      project_id: state.projectId,
      workspace_id: resource.workspace_id,
      resource_id: resource.id,
      resource_type,
      owner: resource.owner,
      // An absent config keeps the stored switches (the provider treats the field as optional).
      auth_switch_config: normaliseAuthSwitchConfig(resource_type, auth_switch_config ?? previous?.auth_switch_config),
      create_date: previous?.create_date ?? now,
      create_user: previous?.create_user ?? caller?.userId ?? '',
      create_user_name: previous?.create_user_name ?? caller?.userName ?? '',
      update_date: now,
      update_user: caller?.userId ?? '',
      update_user_name: caller?.userName ?? '',
    };
    state.properties[resource.id] = record;
    ctx.markDirty();
    res.json(record);
  });
}
