import { describe, expect, it } from 'vitest';
import { activityEntrySchema, activityOutcomes, listActivityQuerySchema } from './activity';

describe('activity contract', () => {
  it('has three outcomes: success, failure, and pending (written before the upstream answers)', () => {
    expect(activityOutcomes).toEqual(['success', 'failure', 'pending']);
  });

  it('lists and filters pending entries; refuses an unknown outcome, naming the field', () => {
    const entry = {
      id: 'a1',
      at: '2026-01-01T00:00:00.000Z',
      user: 'u',
      operation: 'permissions.save',
      target: 'dashboard:d1',
      outcome: 'pending',
      request_id: 'r1',
    };
    expect(activityEntrySchema.parse(entry).outcome).toBe('pending');
    expect(listActivityQuerySchema.parse({ outcome: 'pending' }).outcome).toBe('pending');
    const bad = listActivityQuerySchema.safeParse({ outcome: 'unknown' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['outcome']);
  });
});
