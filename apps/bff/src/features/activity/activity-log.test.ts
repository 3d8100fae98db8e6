import { describe, expect, it } from 'vitest';
import { testBackends } from '../../testing/test-databases';
import { iterateActivity, listActivity, recordActivity, settleActivity } from './activity-log';
import { openActivity } from './pending-activity';

describe.each(testBackends)('activity log on $name', ({ open, skip }) => {
  it.skipIf(skip)('stores a NUL character a hostile name carries as U+FFFD instead of failing', async () => {
    const { db, dispose } = await open();
    try {
      await recordActivity(db, {
        outcome: 'failure',
        request_id: 'r',
        user: 'u\u0000',
        operation: 'resource_package.export',
        target: 'pkg\u0000name',
        error_code: 'e\u0000',
        details: { name: '\u0000' },
      });
      const [entry] = (await listActivity(db, { offset: 0, limit: 1 })).items;
      expect(entry).toMatchObject({
        user: 'u\uFFFD',
        target: 'pkg\uFFFDname',
        error_code: 'e\uFFFD',
        details: { name: '\uFFFD' },
      });
    } finally {
      await dispose();
    }
  });

  it.skipIf(skip)('writes an entry pending and settles it, keeping what the settle does not say', async () => {
    const { db, dispose } = await open();
    try {
      const entry = await openActivity(db, {
        user: 'u',
        operation: 'permissions.save',
        target: 'dashboard:d1',
        request_id: 'r1',
        after: { read: true },
        details: { note: 'kept' },
      });
      const pending = await listActivity(db, { outcome: 'pending', offset: 0, limit: 5 });
      expect(pending.items).toEqual([
        expect.objectContaining({ id: entry.id, outcome: 'pending', after: { read: true } }),
      ]);

      await entry.settle({ outcome: 'success', before: { read: false }, after: { read: true, write: false } });
      const [settled] = (await listActivity(db, { offset: 0, limit: 5 })).items;
      expect(settled).toMatchObject({
        outcome: 'success',
        before: { read: false },
        after: { read: true, write: false },
        details: { note: 'kept' },
      });
      expect(settled).not.toHaveProperty('error_code');
      expect((await listActivity(db, { outcome: 'pending', offset: 0, limit: 5 })).total).toBe(0);

      // A download cut after its success: one entry, now a failure; a later success clears the code.
      await settleActivity(db, entry.id, {
        outcome: 'failure',
        error_code: 'stream_interrupted',
        request_id: 'upstream-r',
      });
      expect((await listActivity(db, { outcome: 'failure', offset: 0, limit: 5 })).items[0]).toMatchObject({
        id: entry.id,
        error_code: 'stream_interrupted',
        request_id: 'upstream-r',
        before: { read: false },
      });
      await settleActivity(db, entry.id, { outcome: 'success' });
      expect((await listActivity(db, { offset: 0, limit: 5 })).items[0]).not.toHaveProperty('error_code');
      expect((await listActivity(db, { offset: 0, limit: 5 })).total).toBe(1);
    } finally {
      await dispose();
    }
  });

  it.skipIf(skip)('records entries and filters by user, operation, resource and time', async () => {
    const { db, dispose } = await open();
    try {
      const base = { outcome: 'success' as const, request_id: 'r' };
      await recordActivity(db, {
        ...base,
        at: '2026-01-01T00:00:00.000Z',
        user: 'a',
        operation: 'session.sign_in',
        target: 'a',
      });
      await recordActivity(db, {
        ...base,
        at: '2026-01-02T00:00:00.000Z',
        user: 'b',
        role: 'operator',
        operation: 'permissions.save',
        target: 'dashboard:d_1',
        before: { read: false },
        after: { read: true },
      });
      await recordActivity(db, {
        ...base,
        at: '2026-01-03T00:00:00.000Z',
        user: 'b',
        operation: 'assets.import',
        target: 'x.zip',
        outcome: 'failure',
        error_code: 'ROMA.10011',
      });

      const all = await listActivity(db, { offset: 0, limit: 50 });
      expect(all.total).toBe(3);
      expect(all.items.map((e) => e.operation)).toEqual(['assets.import', 'permissions.save', 'session.sign_in']);
      expect(all.items[1]).toMatchObject({ before: { read: false }, after: { read: true }, role: 'operator' });

      expect((await listActivity(db, { user: 'b', offset: 0, limit: 50 })).total).toBe(2);
      expect((await listActivity(db, { operation: 'permissions.save', offset: 0, limit: 50 })).total).toBe(1);
      expect((await listActivity(db, { resource: 'D_1', offset: 0, limit: 50 })).total).toBe(1);
      // `_` is literal, not a wildcard.
      expect((await listActivity(db, { resource: 'd_', offset: 0, limit: 50 })).total).toBe(1);
      expect((await listActivity(db, { resource: 'x_zip', offset: 0, limit: 50 })).total).toBe(0);
      const range = await listActivity(db, {
        from: '2026-01-01T12:00:00Z',
        to: '2026-01-02T12:00:00Z',
        offset: 0,
        limit: 50,
      });
      expect(range.items.map((e) => e.user)).toEqual(['b']);
      const page = await listActivity(db, { offset: 1, limit: 1 });
      expect(page).toMatchObject({ total: 3, offset: 1, limit: 1 });
      expect(page.items[0]?.operation).toBe('permissions.save');

      const streamed = [];
      for await (const e of iterateActivity(db, {}, 2)) streamed.push(e.id);
      expect(streamed).toHaveLength(3);
    } finally {
      await dispose();
    }
  });
});
