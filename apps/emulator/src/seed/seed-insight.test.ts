import { describe, expect, it } from 'vitest';
import { resourceTypes } from '@portico/api-types/upstream';
import { createServiceContext } from '../service-context';
import { noFaults } from '../faults/fault-config';
import { demo } from '../demo';
import { seedInsight } from './seed-insight';

const seed = (resources: number, seedValue: number) => {
  const config = { dataDir: undefined, tokenTtlMs: 1000, assetJobDurationMs: 1000, seedResources: resources };
  return seedInsight(
    createServiceContext(
      config,
      seedValue,
      () => noFaults,
      () => undefined,
    ),
    { resources, seed: seedValue },
  );
};

describe('seedInsight', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    expect(seed(50, 7)).toEqual(seed(50, 7));
    expect(seed(50, 7).resources.map((r) => r.name)).not.toEqual(seed(50, 8).resources.map((r) => r.name));
  });

  it('makes the requested resources, every type, a record for each, and datasets with edit on', () => {
    const state = seed(1000, 1);
    const inDefault = state.resources.filter((r) => r.workspace_id === demo.insightWorkspaceId);
    expect(inDefault).toHaveLength(1000);
    expect(new Set(state.resources.map((r) => r.resource_type))).toEqual(new Set(resourceTypes));
    expect(state.resources.every((r) => state.properties[r.id]?.resource_type === r.resource_type)).toBe(true);
    const editable = state.resources.filter(
      (r) => r.resource_type === 'dataset' && state.properties[r.id]?.auth_switch_config.edit,
    );
    expect(editable.length).toBeGreaterThan(10);
    expect(editable.every((r) => state.properties[r.id]?.auth_switch_config.use)).toBe(true);
  });

  it('spreads dates over the past year and uses the demo users among owners', () => {
    const state = seed(300, 1);
    const dates = state.resources.map((r) => r.create_date);
    expect(Math.max(...dates) - Math.min(...dates)).toBeGreaterThan(200 * 24 * 3600 * 1000);
    expect(state.resources.some((r) => r.create_user_name === 'demo-admin')).toBe(true);
    expect(state.resources.every((r) => r.update_date >= r.create_date)).toBe(true);
  });
});
