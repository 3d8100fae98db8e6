import { describe, expect, it } from 'vitest';
import { auditEventSchema, savePolicyRequestSchema, startAuditRequestSchema } from './audits';

describe('audit contract', () => {
  it('start request: types optional, extra IDs default to none', () => {
    expect(startAuditRequestSchema.parse({ workspace_id: 'ws1' })).toEqual({
      workspace_id: 'ws1',
      extra_resources: [],
    });
    expect(startAuditRequestSchema.safeParse({ workspace_id: 'ws1', resource_types: ['x'] }).success).toBe(false);
  });

  it('accepts a rule on any known switch but rejects an unknown one, naming the field', () => {
    const rule = { id: 'r1', kind: 'must_be_off', resource_type: 'dataset', switch: 'export' };
    expect(savePolicyRequestSchema.safeParse({ rules: [rule] }).success).toBe(true);
    const r = savePolicyRequestSchema.safeParse({ rules: [{ ...rule, switch: 'delete' }] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['rules', 0, 'switch']);
  });

  it('rejects duplicate rule ids and only_owners without owners', () => {
    const rule = { id: 'r1', kind: 'must_be_off', resource_type: 'dashboard', switch: 'export' };
    expect(savePolicyRequestSchema.safeParse({ rules: [rule, rule] }).success).toBe(false);
    expect(
      savePolicyRequestSchema.safeParse({
        rules: [{ ...rule, kind: 'only_owners', owners: [] }],
      }).success,
    ).toBe(false);
  });

  it('parses each NDJSON event kind', () => {
    for (const e of [
      { type: 'started', audit_id: 'a1', total: 3 },
      { type: 'progress', done: 1, total: 3 },
      { type: 'cancelled' },
      { type: 'error', error: { code: 'internal', message: 'x' } },
    ]) {
      expect(auditEventSchema.parse(e)).toEqual(e);
    }
    expect(auditEventSchema.safeParse({ type: 'row', row: {} }).success).toBe(false);
  });
});
