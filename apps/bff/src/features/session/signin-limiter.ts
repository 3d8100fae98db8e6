import type { Database } from '../../db/database';

/**
 * The limiter's keys for one sign-in attempt. Failures count per (user, address) pair, not per
 * user: an attacker guessing a victim's password locks out the attacker's own address for that
 * user, never the victim signing in from elsewhere. Every address also has its own, larger budget
 * across all users (password spraying). There is deliberately no user-wide lock: anyone who knows
 * a user name could keep it locked for ever.
 */
export function signinKeys(domain: string, username: string, address: string): { pair: string; address: string } {
  return { pair: `user:${domain.toLowerCase()}/${username.toLowerCase()}@${address}`, address: `ip:${address}` };
}

export interface SigninLimiterOptions {
  /** The first lockout once a key reaches its limit; each further failure doubles it. */
  baseLockMs?: number;
  /** The longest lockout; under the window, so a locked-out guesser is still remembered. */
  maxLockMs?: number;
}

/**
 * Failed sign-ins per key, kept in the database so replicas share the count. A key's failures
 * are remembered until it has been quiet (no failure) for `windowMs`. A key with `limit` failures
 * is locked for `baseLockMs`, doubled for every failure past the limit and capped at `maxLockMs`:
 * a lockout always ends, and a persistent guesser waits the cap between tries. While locked,
 * attempts are refused before IAM is asked, so they add nothing.
 */
export function createSigninLimiter(
  db: Database,
  /** Failures allowed per key prefix (`user:` pair keys, `ip:`); an address serves many users, so it gets more. */
  limits: { user: number; ip: number },
  windowMs: number,
  now: () => Date = () => new Date(),
  options: SigninLimiterOptions = {},
) {
  const maxLockMs = Math.min(options.maxLockMs ?? windowMs / 2, windowMs / 2);
  const baseLockMs = Math.min(options.baseLockMs ?? 60_000, maxLockMs);
  const maxFor = (key: string) => (key.startsWith('ip:') ? limits.ip : limits.user);
  const since = () => new Date(now().getTime() - windowMs).toISOString();

  /** When `key` stops being locked (epoch ms), or 0 when it is not locked. */
  async function lockedUntil(key: string): Promise<number> {
    const rows = await db.query<{ n: number | string; last: Date | string | null }>(
      'SELECT count(*) AS n, max(at) AS last FROM signin_failures WHERE key = $1',
      [key],
    );
    const n = Number(rows[0]?.n ?? 0);
    const last = rows[0]?.last;
    const over = n - maxFor(key);
    if (over < 0 || !last || new Date(last).getTime() <= now().getTime() - windowMs) return 0;
    const lockMs = Math.min(baseLockMs * 2 ** Math.min(over, 30), maxLockMs);
    return new Date(last).getTime() + lockMs;
  }

  return {
    /** The longest remaining lockout among `keys`, in ms (0: free to try). */
    async retryAfterMs(keys: readonly string[]): Promise<number> {
      const t = now().getTime();
      let wait = 0;
      for (const key of keys) wait = Math.max(wait, (await lockedUntil(key)) - t);
      return wait;
    },
    async isBlocked(keys: readonly string[]): Promise<boolean> {
      return (await this.retryAfterMs(keys)) > 0;
    },
    async recordFailure(keys: readonly string[]): Promise<void> {
      // Forget the keys that have been quiet for a whole window (before this failure counts).
      await db.query(
        'DELETE FROM signin_failures WHERE key IN (SELECT key FROM signin_failures GROUP BY key HAVING max(at) <= $1)',
        [since()],
      );
      for (const key of keys) {
        await db.query('INSERT INTO signin_failures (key, at) VALUES ($1, $2)', [key, now().toISOString()]);
      }
    },
    async reset(keys: readonly string[]): Promise<void> {
      for (const key of keys) await db.query('DELETE FROM signin_failures WHERE key = $1', [key]);
    },
  };
}
export type SigninLimiter = ReturnType<typeof createSigninLimiter>;
