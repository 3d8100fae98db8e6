import { describe, expect, it } from 'vitest';
import { migrate } from './migrate';
import { migrations } from './migrations';
import { testBackends } from '../testing/test-databases';

describe.each(testBackends)('database on $name', ({ open, skip }) => {
  it.skipIf(skip)('applies migrations once and rolls back failed transactions', async () => {
    const { db, dispose } = await open();
    try {
      expect(await migrate(db, migrations)).toEqual([]);
      const ids = await db.query<{ id: string }>('SELECT id FROM schema_migrations ORDER BY id');
      expect(ids.map((r) => r.id)).toEqual(migrations.map((m) => m.id));
      await expect(
        db.transaction(async (tx) => {
          await tx.query("INSERT INTO signin_failures (key, at) VALUES ('k', now())");
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await db.query("SELECT * FROM signin_failures WHERE key = 'k'")).toEqual([]);
    } finally {
      await dispose();
    }
  });
});
