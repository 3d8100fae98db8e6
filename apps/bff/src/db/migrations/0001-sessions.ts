import type { Migration } from '../database';

export const sessionsMigration: Migration = {
  id: '0001-sessions',
  sql: `
CREATE TABLE sessions (
  id text PRIMARY KEY,
  user_id text NOT NULL,
  user_name text NOT NULL,
  domain text NOT NULL,
  roles text[] NOT NULL,
  project_id text NOT NULL,
  token text NOT NULL,
  csrf_token text NOT NULL,
  expires_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);
CREATE TABLE signin_failures (
  key text NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX signin_failures_key_at ON signin_failures (key, at);
`,
};
