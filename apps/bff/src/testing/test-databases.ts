import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../db/database';
import { migrate } from '../db/migrate';
import { migrations } from '../db/migrations';
import { openPgliteDatabase } from '../db/pglite-database';
import { openPostgresDatabase } from '../db/postgres-database';

export const testDatabaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const skipPostgres = process.env.PORTICO_SKIP_POSTGRES === '1';

export interface TestDatabase {
  db: Database;
  dispose(): Promise<void>;
}

export async function pgliteTestDatabase(): Promise<TestDatabase> {
  const db = await openPgliteDatabase('memory://');
  await migrate(db, migrations);
  return { db, dispose: () => db.close() };
}

/**
 * A fresh schema on the test PostgreSQL, dropped afterwards. Throws a clear error when the
 * server is unreachable: such tests must fail, not pass silently (PORTICO_SKIP_POSTGRES=1 skips).
 */
export async function postgresTestDatabase(): Promise<TestDatabase> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (e) {
    throw new Error(
      `PostgreSQL is unreachable at ${testDatabaseUrl} (${(e as Error).message}). ` +
        'Start it, set TEST_DATABASE_URL, or set PORTICO_SKIP_POSTGRES=1 to skip these tests.',
      { cause: e },
    );
  }
  await admin.query(`CREATE SCHEMA ${schema}`);
  const db = openPostgresDatabase(testDatabaseUrl, schema);
  await migrate(db, migrations);
  return {
    db,
    async dispose() {
      await db.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

/** Both back-ends, for `describe.each`; PostgreSQL is visibly skipped only when asked. */
export const testBackends = [
  { name: 'pglite', open: pgliteTestDatabase, skip: false },
  { name: 'postgres', open: postgresTestDatabase, skip: skipPostgres },
] as const;
