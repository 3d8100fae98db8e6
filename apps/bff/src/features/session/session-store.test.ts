import { describe, expect, it } from 'vitest';
import { testBackends } from '../../testing/test-databases';
import { createSessionStore } from './session-store';
import { createSigninLimiter } from './signin-limiter';

describe.each(testBackends)('session store on $name', ({ open, skip }) => {
  it.skipIf(skip)('creates, finds, expires, idles out and deletes sessions; limits failures', async () => {
    const { db, dispose } = await open();
    try {
      let t = new Date('2026-01-01T00:00:00Z');
      const store = createSessionStore(db, 60_000, () => t);
      const base = {
        user: { id: 'u1', name: 'demo-admin', domain: 'd' },
        roles: ['admin' as const],
        projectId: 'p',
        token: 'TOKEN',
        expiresAt: new Date('2026-01-01T01:00:00Z'),
      };
      const s = await store.create(base);
      expect(s.id).not.toBe(s.csrfToken);
      const found = await store.lookup(s.id);
      expect(found).toMatchObject({ status: 'live', session: { token: 'TOKEN', roles: ['admin'] } });

      t = new Date('2026-01-01T00:00:50Z');
      expect((await store.lookup(s.id)).status).toBe('live');
      t = new Date('2026-01-01T00:02:00Z');
      expect((await store.lookup(s.id)).status).toBe('idle');
      expect((await store.lookup(s.id)).status).toBe('missing');

      const s2 = await store.create(base);
      t = new Date('2026-01-01T01:00:00Z');
      expect((await store.lookup(s2.id)).status).toBe('expired');

      const s3 = await store.create({ ...base, expiresAt: new Date('2026-01-02T00:00:00Z') });
      await store.delete(s3.id);
      expect((await store.lookup(s3.id)).status).toBe('missing');

      const limiter = createSigninLimiter(db, { user: 2, ip: 3 }, 60_000, () => t);
      expect(await limiter.isBlocked(['user:a'])).toBe(false);
      await limiter.recordFailure(['user:a', 'ip:1']);
      await limiter.recordFailure(['user:a']);
      expect(await limiter.isBlocked(['user:a'])).toBe(true);
      expect(await limiter.isBlocked(['ip:1'])).toBe(false);
      await limiter.recordFailure(['ip:1']);
      await limiter.recordFailure(['ip:1']);
      expect(await limiter.isBlocked(['ip:1'])).toBe(true);
      t = new Date(t.getTime() + 61_000);
      expect(await limiter.isBlocked(['user:a'])).toBe(false);
    } finally {
      await dispose();
    }
  });
});
