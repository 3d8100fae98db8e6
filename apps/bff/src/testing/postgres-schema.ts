import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../db/database';
import { migrate } from '../db/migrate';
import { migrations } from '../db/migrations';
import { openPostgresDatabase, type PostgresOptions } from '../db/postgres-database';
import { testDatabaseUrl } from './test-databases';

/**
 * A fresh schema on the test PostgreSQL that several pools can open (replicas, a pool behind a
 * proxy); `drop()` closes them all and drops the schema.
 */
export async function postgresSchema() {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl, connectionTimeoutMillis: 3000 });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const opened: Database[] = [];
  return {
    schema,
    url: testDatabaseUrl,
    /** A migrated pool on the schema, at `url` (e.g. through a proxy). */
    async open(url = testDatabaseUrl, options: Omit<PostgresOptions, 'schema'> = {}): Promise<Database> {
      const db = openPostgresDatabase(url, { ...options, schema });
      opened.push(db);
      await migrate(db, migrations);
      return db;
    },
    async drop() {
      for (const db of opened) await db.close().catch(() => undefined);
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}
