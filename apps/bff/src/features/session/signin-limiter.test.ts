import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pgliteTestDatabase, type TestDatabase } from '../../testing/test-databases';
import { createSigninLimiter, signinKeys } from './signin-limiter';

const minute = 60_000;
const window = 15 * minute;
let testDb: TestDatabase;
let t: number;
let limiter: ReturnType<typeof createSigninLimiter>;

beforeAll(async () => {
  testDb = await pgliteTestDatabase();
});
afterAll(() => testDb.dispose());
beforeEach(async () => {
  await testDb.db.query('DELETE FROM signin_failures');
  t = Date.parse('2026-05-01T00:00:00Z');
  limiter = createSigninLimiter(testDb.db, { user: 3, ip: 10 }, window, () => new Date(t), {
    baseLockMs: minute,
    maxLockMs: 6 * minute,
  });
});

const attacker = signinKeys('Portico-Demo', 'Victim', '203.0.113.9');
const victimAtHome = signinKeys('portico-demo', 'victim', '198.51.100.7');
const keysOf = (k: { pair: string; address: string }) => [k.pair, k.address];
const fail = (k: { pair: string; address: string }, times = 1) =>
  (async () => {
    for (let i = 0; i < times; i++) await limiter.recordFailure(keysOf(k));
  })();

describe('sign-in limiter', () => {
  it("locks the attacker's address for that user, never the victim signing in from elsewhere", async () => {
    await fail(attacker, 3);
    expect(await limiter.isBlocked(keysOf(attacker))).toBe(true);
    expect(await limiter.isBlocked(keysOf(victimAtHome))).toBe(false);
    // The same address may still sign in other users until its own, larger budget runs out.
    expect(await limiter.isBlocked(keysOf(signinKeys('portico-demo', 'someone', '203.0.113.9')))).toBe(false);
  });

  it('locks an address that sprays passwords over many users, not those users elsewhere', async () => {
    for (let i = 0; i < 10; i++) await fail(signinKeys('d', `user-${i}`, '203.0.113.9'));
    expect(await limiter.isBlocked(keysOf(signinKeys('d', 'user-99', '203.0.113.9')))).toBe(true);
    expect(await limiter.isBlocked(keysOf(signinKeys('d', 'user-1', '198.51.100.7')))).toBe(false);
  });

  it('ends every lockout: backoff doubles per failure after a lock and is capped', async () => {
    await fail(attacker, 3);
    const waits: number[] = [];
    for (let round = 0; round < 7; round++) {
      const wait = await limiter.retryAfterMs(keysOf(attacker));
      waits.push(wait);
      t += wait - 1;
      expect(await limiter.isBlocked(keysOf(attacker))).toBe(true);
      t += 1;
      expect(await limiter.isBlocked(keysOf(attacker))).toBe(false);
      await fail(attacker); // the attacker tries again the moment the lock ends
    }
    expect(waits).toEqual([1, 2, 4, 6, 6, 6, 6].map((m) => m * minute));
    // Once the attacker stops, a quiet window forgets it all.
    t += window;
    expect(await limiter.retryAfterMs(keysOf(attacker))).toBe(0);
    await fail(attacker, 2);
    expect(await limiter.isBlocked(keysOf(attacker))).toBe(false);
  });

  it('forgets every failure after a quiet window, and a success clears the pair', async () => {
    await fail(attacker, 3);
    t += window;
    expect(await limiter.retryAfterMs(keysOf(attacker))).toBe(0);
    await fail(attacker, 2);
    expect(await limiter.isBlocked(keysOf(attacker))).toBe(false); // 2 < 3: the old ones are gone
    await limiter.reset([attacker.pair]);
    await fail(attacker, 2);
    expect(await limiter.isBlocked(keysOf(attacker))).toBe(false);
  });
});
