import type { Migration } from '../database';
import { sessionsMigration } from './0001-sessions';
import { activityMigration } from './0002-activity';
import { auditsMigration } from './0100-audits';
import { auditLivenessMigration } from './0101-audit-liveness';

/** Every migration, in id order. Append new ones at the end. */
export const migrations: readonly Migration[] = [
  sessionsMigration,
  activityMigration,
  auditsMigration,
  auditLivenessMigration,
];
