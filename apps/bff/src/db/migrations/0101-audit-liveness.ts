import type { Migration } from '../database';

/**
 * A running audit's liveness, for several replicas over one PostgreSQL: the replica running it
 * writes `heartbeat_at` every second and stops when it finds `cancel_requested_at` (a cancel
 * that reached another replica); an audit whose heartbeat went silent was interrupted.
 */
export const auditLivenessMigration: Migration = {
  id: '0101-audit-liveness',
  sql: `ALTER TABLE audits ADD COLUMN cancel_requested_at timestamptz, ADD COLUMN heartbeat_at timestamptz;`,
};
