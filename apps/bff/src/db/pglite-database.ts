import { PGlite, type Transaction } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import type { Database } from './database';
import { storableParams } from './storable-text';

type Queryable = Pick<Transaction, 'query' | 'exec'>;

function wrap(q: Queryable, owner: PGlite | undefined): Database {
  return {
    kind: 'pglite',
    async query<T>(sql: string, params?: readonly unknown[]) {
      // Without parameters use the simple protocol, which allows several statements (migrations).
      if (!params || params.length === 0) {
        const results = await q.exec(sql);
        return (results.at(-1)?.rows ?? []) as T[];
      }
      const r = await q.query<T>(sql, storableParams(params));
      return r.rows;
    },
    async transaction<R>(fn: (tx: Database) => Promise<R>) {
      // PGlite has no nested transactions; a transaction inside one reuses it.
      if (!owner) return fn(wrap(q, undefined));
      return owner.transaction((tx) => fn(wrap(tx, undefined)));
    },
    async close() {
      await owner?.close();
    },
  };
}

/** Embedded PostgreSQL (WASM) in `dataDir`; `memory://` for tests. */
export async function openPgliteDatabase(dataDir: string): Promise<Database> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  return wrap(db, db);
}
