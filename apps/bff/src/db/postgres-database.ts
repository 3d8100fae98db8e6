import pg from 'pg';
import type { Database } from './database';

type Client = Pick<pg.PoolClient, 'query'>;

function wrapClient(client: Client): Database {
  return {
    kind: 'postgres',
    async query<T>(sql: string, params?: readonly unknown[]) {
      const r = await client.query(sql, params ? [...params] : undefined);
      return r.rows as T[];
    },
    async transaction<R>(fn: (tx: Database) => Promise<R>) {
      return fn(wrapClient(client));
    },
    async close() {},
  };
}

/** PostgreSQL through a `pg` pool; `schema` (tests) sets the search path of every connection. */
export function openPostgresDatabase(connectionString: string, schema?: string): Database {
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  return {
    kind: 'postgres',
    async query<T>(sql: string, params?: readonly unknown[]) {
      const r = await pool.query(sql, params ? [...params] : undefined);
      return r.rows as T[];
    },
    async transaction<R>(fn: (tx: Database) => Promise<R>) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrapClient(client));
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}
