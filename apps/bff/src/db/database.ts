/**
 * The BFF's one query layer. Two implementations: PGlite (embedded, file-backed; the default,
 * zero set-up) and PostgreSQL (`DATABASE_URL`, for several replicas). Both speak PostgreSQL's
 * dialect, so one set of migrations serves both. Parameters are `$1, $2, …`.
 */
export interface Database {
  readonly kind: 'pglite' | 'postgres';
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs `fn` in one transaction; it commits when `fn` resolves and rolls back when it throws. */
  transaction<R>(fn: (tx: Database) => Promise<R>): Promise<R>;
  close(): Promise<void>;
}

/** A migration: applied once, in `id` order, recorded in table `schema_migrations`. */
export interface Migration {
  /** e.g. '0001-sessions'; the order is the lexical order of ids. */
  id: string;
  sql: string;
}
