import type { Policy } from '@portico/api-types';
import { describe, expect, it } from 'vitest';
import { evaluateRow, policyFix, type UnjudgedRow } from './policy';

const row = (over: Partial<UnjudgedRow>): UnjudgedRow => ({
  resource_type: 'dashboard',
  resource_id: 'd1',
  owner: 'u-1',
  owner_name: 'olga',
  switches: { read: true, edit: false, export: true },
  status: 'ok',
  ...over,
});

const policy = (rules: Policy['rules']): Policy => ({ version: 1, rules });

describe('evaluateRow', () => {
  it('must_be_off flags a switch that is on, and only on its own type', () => {
    const p = policy([{ id: 'r', kind: 'must_be_off', resource_type: 'dashboard', switch: 'export' }]);
    expect(evaluateRow(row({}), p)).toMatchObject({
      compliance: 'non_compliant',
      findings: [{ rule_id: 'r', kind: 'must_be_off', switch: 'export' }],
    });
    expect(evaluateRow(row({ resource_type: 'screen' }), p).compliance).toBe('compliant');
    expect(evaluateRow(row({ switches: { read: true } }), p).compliance).toBe('compliant');
  });

  it('must_be_on flags a switch that is off or absent', () => {
    const p = policy([{ id: 'r', kind: 'must_be_on', resource_type: 'dashboard', switch: 'edit' }]);
    expect(evaluateRow(row({}), p).findings).toHaveLength(1);
    expect(evaluateRow(row({ switches: { edit: true } }), p).findings).toEqual([]);
  });

  it('only_owners accepts the owner by ID or by name, and flags anyone else', () => {
    const rule = {
      id: 'r',
      kind: 'only_owners' as const,
      resource_type: 'dashboard' as const,
      switch: 'read' as const,
      owners: ['olga', 'u-9'],
    };
    expect(evaluateRow(row({}), policy([rule])).compliance).toBe('compliant');
    expect(evaluateRow(row({ owner_name: 'x', owner: 'u-9' }), policy([rule])).compliance).toBe('compliant');
    expect(evaluateRow(row({ owner_name: 'x', owner: 'u-2' }), policy([rule]))).toMatchObject({
      compliance: 'non_compliant',
      findings: [{ kind: 'only_owners', message: expect.stringContaining('olga, u-9') }],
    });
  });

  it('a failed read is unknown, whatever the rules', () => {
    const p = policy([{ id: 'r', kind: 'must_be_on', resource_type: 'dashboard', switch: 'edit' }]);
    const failed = row({ status: 'failed', switches: undefined });
    expect(evaluateRow(failed, p)).toMatchObject({ compliance: 'unknown', findings: [] });
  });
});

describe('policyFix', () => {
  it('turning read off turns off what depends on it', () => {
    const p = policy([{ id: 'r', kind: 'must_be_off', resource_type: 'dashboard', switch: 'read' }]);
    const fix = policyFix(row({ switches: { read: true, edit: true, export: true } }), p);
    expect(fix).toEqual({ after: { read: false, edit: false, export: false }, unresolved: [] });
  });

  it('turning edit on turns on what it implies', () => {
    const p = policy([{ id: 'r', kind: 'must_be_on', resource_type: 'dataset', switch: 'edit' }]);
    const fix = policyFix(row({ resource_type: 'dataset', switches: { use: false } }), p);
    expect(fix?.after).toEqual({ use: true, edit: true });
  });

  it('turns off a switch the type does not list but the record carries (dataset export)', () => {
    const p = policy([{ id: 'r', kind: 'must_be_off', resource_type: 'dataset', switch: 'export' }]);
    const fix = policyFix(row({ resource_type: 'dataset', switches: { use: true, edit: false, export: true } }), p);
    expect(fix?.after).toEqual({ use: true, edit: false, export: false });
  });

  it('names what contradictory rules leave unresolved', () => {
    const p = policy([
      { id: 'on', kind: 'must_be_on', resource_type: 'dashboard', switch: 'edit' },
      { id: 'off', kind: 'must_be_off', resource_type: 'dashboard', switch: 'read' },
    ]);
    const fix = policyFix(row({}), p);
    expect(fix?.unresolved.map((f) => f.rule_id)).toEqual(['on']);
  });

  it('has nothing to offer for a failed read', () => {
    expect(policyFix(row({ status: 'failed', switches: undefined }), policy([]))).toBeNull();
  });
});
