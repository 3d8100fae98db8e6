import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import {
  pgliteTestDatabase,
  postgresTestDatabase,
  skipPostgres,
  type TestDatabase,
} from '../../testing/test-databases';
import { createSessionStore } from './session-store';

const base = {
  user: { id: 'u1', name: 'demo-operator', domain: 'd' },
  roles: ['operator' as const],
  projectId: 'p',
  token: 'TOKEN',
  expiresAt: new Date('2026-01-01T01:00:00Z'),
};

describe('session store reads', () => {
  // One database for all: starting PGlite is the slow part.
  let testDb: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    testDb = await pgliteTestDatabase();
    db = testDb.db;
  });
  afterAll(() => testDb.dispose());

  it('reuse a read on the embedded database for at most a second, and end a deleted session at once', async () => {
    let t = new Date('2026-01-01T00:00:00Z');
    const store = createSessionStore(db, 30 * 60_000, () => t);
    const s = await store.create(base);
    expect((await store.lookup(s.id)).status).toBe('live');
    // Behind the store's back (only a test does that on the embedded database): still reused.
    await db.query('DELETE FROM sessions WHERE id = $1', [s.id]);
    expect((await store.lookup(s.id)).status).toBe('live');
    t = new Date('2026-01-01T00:00:01.001Z');
    expect((await store.lookup(s.id)).status).toBe('missing');

    const s2 = await store.create(base);
    expect((await store.lookup(s2.id)).status).toBe('live');
    await store.delete(s2.id);
    expect((await store.lookup(s2.id)).status).toBe('missing');
  });

  it('never serve a remembered session past its expiry', async () => {
    let t = new Date('2026-01-01T00:59:59.900Z');
    const store = createSessionStore(db, 30 * 60_000, () => t);
    const s = await store.create(base);
    expect((await store.lookup(s.id)).status).toBe('live');
    t = new Date('2026-01-01T01:00:00Z');
    expect((await store.lookup(s.id)).status).toBe('expired');
  });

  it('write the idle clock at most once per twentieth of the idle timeout, and still idle a session out', async () => {
    let t = new Date('2026-01-01T00:00:00Z');
    const store = createSessionStore(db, 20 * 60_000, () => t);
    const s = await store.create(base);
    const stored = async () =>
      new Date(
        (await db.query<{ last_seen_at: string | Date }>('SELECT last_seen_at FROM sessions WHERE id = $1', [s.id]))[0]!
          .last_seen_at,
      ).getTime();
    const created = await stored();
    t = new Date('2026-01-01T00:00:30Z');
    expect((await store.lookup(s.id)).status).toBe('live');
    expect(await stored()).toBe(created);
    t = new Date('2026-01-01T00:01:00Z');
    expect((await store.lookup(s.id)).status).toBe('live');
    expect(await stored()).toBe(t.getTime());
    t = new Date('2026-01-01T00:21:01Z');
    expect((await store.lookup(s.id)).status).toBe('idle');
  });
});

describe.skipIf(skipPostgres)('session store reads on PostgreSQL', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await postgresTestDatabase();
  });
  afterAll(() => testDb.dispose());

  it('end a session on every replica at once when one of them deletes it', async () => {
    const t = new Date('2026-01-01T00:00:00Z');
    const here = createSessionStore(testDb.db, 30 * 60_000, () => t);
    const there = createSessionStore(testDb.db, 30 * 60_000, () => t);
    const s = await here.create(base);
    expect((await here.lookup(s.id)).status).toBe('live');
    expect((await there.lookup(s.id)).status).toBe('live');
    await here.delete(s.id);
    expect((await there.lookup(s.id)).status).toBe('missing');
  });
});
