import type { Response } from 'express';
import type { PermissionsRecord, SavePermissionsRequest } from '@portico/api-types';
import type { Database } from '../../db/database';
import { HttpError } from '../../http/http-error';
import type { InsightClient } from '../../upstream/insight-client';
import { UpstreamError } from '../../upstream/upstream-error';
import { activityOf, failureSettlement } from '../activity/activity-of';
import { openActivity } from '../activity/pending-activity';
import { sessionOf } from '../session/session-middleware';

/**
 * Reads the current switches (for the activity log's before/after and the optimistic check),
 * then saves. A stored record newer than `expected_update_date` is a 409 carrying it.
 *
 * The activity entry is written `pending` before any upstream call (the database away: 503, and
 * nothing is sent) and settled once the upstream has answered. A settle the database cannot take
 * is queued and retried: the user still gets the upstream's answer, the saved record included.
 */
export async function savePermissions(
  deps: { db: Database; insight: InsightClient },
  res: Response,
  workspaceId: string,
  body: SavePermissionsRequest,
): Promise<PermissionsRecord> {
  const session = sessionOf(res);
  const ref = { resource_type: body.resource_type, resource_id: body.resource_id };
  // `after` is what was asked for until the save succeeds.
  const entry = await openActivity(deps.db, {
    ...activityOf(res, 'permissions.save', `${body.resource_type}:${body.resource_id}`, workspaceId),
    after: body.auth_switch_config,
  });
  let before: PermissionsRecord | undefined;
  try {
    before = await deps.insight.readPermissions(session, workspaceId, ref);
  } catch (e) {
    // A resource without a stored record yet is saved from nothing; other failures stop here.
    if (!(e instanceof UpstreamError && e.kind === 'http' && e.status === 404)) {
      await entry.settle(failureSettlement(e));
      throw e;
    }
  }
  const switchesBefore = before ? { before: before.auth_switch_config } : {};
  if (before && body.expected_update_date !== undefined && before.update_date !== body.expected_update_date) {
    await entry.settle({ outcome: 'failure', error_code: 'conflict', ...switchesBefore });
    throw new HttpError(
      409,
      'conflict',
      `Changed by ${before.update_user_name} since you loaded it`,
      undefined,
      undefined,
      {
        current: before,
      },
    );
  }
  let saved: PermissionsRecord;
  try {
    saved = await deps.insight.savePermissions(session, workspaceId, {
      ...ref,
      auth_switch_config: body.auth_switch_config,
    });
  } catch (e) {
    await entry.settle({ ...failureSettlement(e), ...switchesBefore });
    throw e;
  }
  await entry.settle({ outcome: 'success', ...switchesBefore, after: saved.auth_switch_config });
  return saved;
}
