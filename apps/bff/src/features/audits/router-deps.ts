import type { ActivityEntry, Capability, Role } from '@portico/api-types';
import type { RequestHandler, Response } from 'express';
import type { Database } from '../../db/database';
import type { InsightClient } from '../../upstream/insight-client';
import type { Clock } from './clock';
import type { SweepLimits } from './sweep-options';

/** Who is asking, from the request's session (the token stays server-side). */
export interface AuditActor {
  name: string;
  role?: Role;
  token: string;
  projectId: string;
}

/** How an activity entry written `pending` ended (see the activity log's `settleActivity`). */
export interface AuditActivitySettlement {
  outcome: 'success' | 'failure';
  error_code?: string;
  /** The upstream's request id of a failed save. */
  request_id?: string;
}

/**
 * What the audits router needs from the rest of the BFF, injected so the feature does not reach
 * into the session or activity modules: `guard` = requireSession + requireCapability,
 * `actor` = the session's user, `record` = the activity log's `recordActivity`, `settle` = its
 * settle queue (`activitySettles(db).settle`).
 */
export interface AuditsRouterDeps {
  db: Database;
  insight: Pick<InsightClient, 'listResources' | 'readPermissions' | 'savePermissions'>;
  guard: (capability: Capability) => RequestHandler;
  actor: (res: Response) => AuditActor;
  record: (entry: Omit<ActivityEntry, 'id' | 'at'>) => Promise<{ id: string }>;
  /**
   * Settles an entry `record` wrote `pending` (each bulk-fix save is, before it is sent). Resolves
   * once written or queued for a retry while the database is away.
   */
  settle: (id: string, settlement: AuditActivitySettlement) => Promise<unknown>;
  requestId: (res: Response) => string;
  limits?: Partial<SweepLimits>;
  clock?: Clock;
  random?: () => number;
  now?: () => Date;
  /** How often a running audit beats and checks for a cancel asked of another replica (1 s). */
  cancelPollMs?: number;
}
