import pg from 'pg';
import type { Database } from './database';
import { DatabaseUnavailableError, isConnectionFailure } from './database-unavailable';
import { storableParams } from './storable-text';

type Client = Pick<pg.PoolClient, 'query'>;

/** A lost connection becomes `DatabaseUnavailableError` (503); anything else is rethrown as is. */
function unavailableOr(e: unknown): unknown {
  return isConnectionFailure(e) ? new DatabaseUnavailableError(e) : e;
}

async function rows<T>(client: Client | pg.Pool, sql: string, params?: readonly unknown[]): Promise<T[]> {
  try {
    const r = await client.query(sql, params ? storableParams(params) : undefined);
    return r.rows as T[];
  } catch (e) {
    throw unavailableOr(e);
  }
}

function wrapClient(client: Client): Database {
  return {
    kind: 'postgres',
    query: <T>(sql: string, params?: readonly unknown[]) => rows<T>(client, sql, params),
    async transaction<R>(fn: (tx: Database) => Promise<R>) {
      return fn(wrapClient(client));
    },
    async close() {},
  };
}

export interface PostgresOptions {
  /** Sets the search path of every connection (tests). */
  schema?: string;
  /** How long a query waits for a connection before failing with 503 (default 5 s). */
  connectionTimeoutMs?: number;
  /** Told of an error on an idle connection (the pool drops it and reconnects on demand). */
  onIdleError?: (err: Error) => void;
}

/** PostgreSQL through a `pg` pool. While the server is unreachable queries fail fast with 503. */
export function openPostgresDatabase(connectionString: string, options: PostgresOptions | string = {}): Database {
  const opts: PostgresOptions = typeof options === 'string' ? { schema: options } : options;
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    // Without it a request waits forever for a connection while PostgreSQL is away.
    connectionTimeoutMillis: opts.connectionTimeoutMs ?? 5_000,
    ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
  });
  // An idle connection the server (or the network) dropped emits 'error' on the pool; unheard,
  // that event would end the process. The pool has already discarded the client.
  pool.on('error', (err) => opts.onIdleError?.(err));
  return {
    kind: 'postgres',
    query: <T>(sql: string, params?: readonly unknown[]) => rows<T>(pool, sql, params),
    async transaction<R>(fn: (tx: Database) => Promise<R>) {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (e) {
        throw unavailableOr(e);
      }
      let broken: Error | undefined;
      // A checked-out client whose connection drops emits 'error'; the pool listens only to idle
      // ones, and an unheard 'error' ends the process. The query in flight fails on its own.
      const onError = (err: Error) => (broken = err);
      client.on('error', onError);
      try {
        await rows(client, 'BEGIN');
        const result = await fn(wrapClient(client));
        await rows(client, 'COMMIT');
        return result;
      } catch (e) {
        // Nothing half-written: a lost connection rolls back on the server side by itself.
        if (e instanceof DatabaseUnavailableError) broken = e;
        else await client.query('ROLLBACK').catch((err: Error) => (broken = err));
        throw e;
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    },
    async close() {
      await pool.end();
    },
  };
}
