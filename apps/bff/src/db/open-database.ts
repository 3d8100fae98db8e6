import { join } from 'node:path';
import type { Database } from './database';
import { migrate } from './migrate';
import { migrations } from './migrations';
import { openPgliteDatabase } from './pglite-database';
import { openPostgresDatabase } from './postgres-database';

/** PostgreSQL when `databaseUrl` is set, else PGlite under `dataDir`; migrated either way. */
export async function openDatabase(opts: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  const db = opts.databaseUrl
    ? openPostgresDatabase(opts.databaseUrl)
    : await openPgliteDatabase(join(opts.dataDir, 'pglite'));
  await migrate(db, migrations);
  return db;
}
