import type { Migration } from '../database';

/**
 * Permission audits. Rows are kept whole as JSON (the contract's `AuditRow`) with their key
 * columns beside, so a 10 000-row audit is one indexed range and evidence exports page through
 * it in key order. Policies are append-only versions: an audit names the version it used.
 */
export const auditsMigration: Migration = {
  id: '0100-audits',
  sql: `
CREATE TABLE audits (
  id text PRIMARY KEY,
  workspace_id text NOT NULL,
  project_id text NOT NULL,
  run_by text NOT NULL,
  run_by_role text,
  started_at timestamptz NOT NULL,
  finished_at timestamptz,
  status text NOT NULL,
  resource_types jsonb NOT NULL,
  policy_version integer NOT NULL,
  total integer NOT NULL DEFAULT 0,
  done integer NOT NULL DEFAULT 0,
  failed_count integer NOT NULL DEFAULT 0,
  non_compliant_count integer NOT NULL DEFAULT 0,
  enumeration_errors jsonb NOT NULL DEFAULT '[]'
);
CREATE INDEX audits_workspace_started ON audits (workspace_id, started_at DESC);
CREATE INDEX audits_started ON audits (started_at DESC);

CREATE TABLE audit_rows (
  audit_id text NOT NULL REFERENCES audits (id) ON DELETE CASCADE,
  resource_type text NOT NULL,
  resource_id text NOT NULL,
  row jsonb NOT NULL,
  PRIMARY KEY (audit_id, resource_type, resource_id)
);

CREATE TABLE audit_policies (
  version integer PRIMARY KEY,
  rules jsonb NOT NULL,
  saved_by text NOT NULL,
  saved_at timestamptz NOT NULL
);

CREATE TABLE audit_fixes (
  id text PRIMARY KEY,
  audit_id text NOT NULL REFERENCES audits (id) ON DELETE CASCADE,
  kind text NOT NULL,
  undo_of text REFERENCES audit_fixes (id),
  policy_version integer NOT NULL,
  run_by text NOT NULL,
  started_at timestamptz NOT NULL,
  finished_at timestamptz NOT NULL,
  result jsonb NOT NULL
);
CREATE INDEX audit_fixes_audit ON audit_fixes (audit_id);
`,
};
