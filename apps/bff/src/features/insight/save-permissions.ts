import type { Response } from 'express';
import type { PermissionsRecord, SavePermissionsRequest } from '@portico/api-types';
import type { Database } from '../../db/database';
import { HttpError } from '../../http/http-error';
import type { InsightClient } from '../../upstream/insight-client';
import { UpstreamError } from '../../upstream/upstream-error';
import { recordActivity } from '../activity/activity-log';
import { activityFailure, activityOf } from '../activity/activity-of';
import { sessionOf } from '../session/session-middleware';

/**
 * Reads the current switches (for the activity log's before/after and the optimistic check),
 * then saves. A stored record newer than `expected_update_date` is a 409 carrying it.
 */
export async function savePermissions(
  deps: { db: Database; insight: InsightClient },
  res: Response,
  workspaceId: string,
  body: SavePermissionsRequest,
): Promise<PermissionsRecord> {
  const session = sessionOf(res);
  const ref = { resource_type: body.resource_type, resource_id: body.resource_id };
  const pending = activityOf(res, 'permissions.save', `${body.resource_type}:${body.resource_id}`, workspaceId);
  let before: PermissionsRecord | undefined;
  try {
    before = await deps.insight.readPermissions(session, workspaceId, ref);
  } catch (e) {
    // A resource without a stored record yet is saved from nothing; other failures stop here.
    if (!(e instanceof UpstreamError && e.kind === 'http' && e.status === 404)) {
      await recordActivity(deps.db, activityFailure(pending, e));
      throw e;
    }
  }
  if (before && body.expected_update_date !== undefined && before.update_date !== body.expected_update_date) {
    await recordActivity(deps.db, { ...pending, outcome: 'failure', error_code: 'conflict', before: before.auth_switch_config });
    throw new HttpError(409, 'conflict', `Changed by ${before.update_user_name} since you loaded it`, undefined, undefined, {
      current: before,
    });
  }
  try {
    const saved = await deps.insight.savePermissions(session, workspaceId, { ...ref, auth_switch_config: body.auth_switch_config });
    await recordActivity(deps.db, {
      ...pending,
      outcome: 'success',
      ...(before ? { before: before.auth_switch_config } : {}),
      after: saved.auth_switch_config,
    });
    return saved;
  } catch (e) {
    await recordActivity(deps.db, {
      ...activityFailure(pending, e),
      ...(before ? { before: before.auth_switch_config } : {}),
      after: body.auth_switch_config,
    });
    throw e;
  }
}
