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

/**
 * What the audits router needs from the rest of the BFF, injected so the feature does not reach
 * into the session or activity modules: `guard` = requireSession + requireCapability,
 * `actor` = the session's user, `record` = the activity log's `recordActivity`.
 */
export interface AuditsRouterDeps {
  db: Database;
  insight: Pick<InsightClient, 'listResources' | 'readPermissions' | 'savePermissions'>;
  guard: (capability: Capability) => RequestHandler;
  actor: (res: Response) => AuditActor;
  record: (entry: Omit<ActivityEntry, 'id' | 'at'>) => Promise<{ id: string }>;
  requestId: (res: Response) => string;
  limits?: Partial<SweepLimits>;
  clock?: Clock;
  random?: () => number;
  now?: () => Date;
  /** How often a running audit beats and checks for a cancel asked of another replica (1 s). */
  cancelPollMs?: number;
}
