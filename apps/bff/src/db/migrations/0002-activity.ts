import type { Migration } from '../database';

export const activityMigration: Migration = {
  id: '0002-activity',
  sql: `
CREATE TABLE activity (
  id text PRIMARY KEY,
  at timestamptz NOT NULL,
  user_name text NOT NULL,
  role text,
  operation text NOT NULL,
  target text NOT NULL,
  outcome text NOT NULL,
  request_id text NOT NULL,
  error_code text,
  workspace_id text,
  before jsonb,
  after jsonb,
  details jsonb
);
CREATE INDEX activity_at ON activity (at DESC);
CREATE INDEX activity_user ON activity (user_name, at DESC);
`,
};
