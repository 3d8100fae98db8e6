import type { Database } from '../../db/database';

/**
 * Failed sign-ins per user and per address within a sliding window, kept in the database so
 * that replicas share the count.
 */
export function createSigninLimiter(
  db: Database,
  /** Failures allowed per key prefix (`user:`, `ip:`); an address serves many users, so it gets more. */
  limits: { user: number; ip: number },
  windowMs: number,
  now: () => Date = () => new Date(),
) {
  const maxFor = (key: string) => (key.startsWith('ip:') ? limits.ip : limits.user);
  const since = () => new Date(now().getTime() - windowMs).toISOString();
  return {
    async isBlocked(keys: readonly string[]): Promise<boolean> {
      for (const key of keys) {
        const rows = await db.query<{ n: number | string }>(
          'SELECT count(*) AS n FROM signin_failures WHERE key = $1 AND at > $2',
          [key, since()],
        );
        if (Number(rows[0]?.n ?? 0) >= maxFor(key)) return true;
      }
      return false;
    },
    async recordFailure(keys: readonly string[]): Promise<void> {
      for (const key of keys) {
        await db.query('INSERT INTO signin_failures (key, at) VALUES ($1, $2)', [key, now().toISOString()]);
      }
      await db.query('DELETE FROM signin_failures WHERE at <= $1', [since()]);
    },
    async reset(keys: readonly string[]): Promise<void> {
      for (const key of keys) await db.query('DELETE FROM signin_failures WHERE key = $1', [key]);
    },
  };
}
export type SigninLimiter = ReturnType<typeof createSigninLimiter>;
