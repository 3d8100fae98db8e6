import type { ResourceType } from '@portico/api-types/upstream';
import type { InsightResource, InsightState } from './state';

export type SortKey = 'name' | 'create_date' | 'update_date';

/**
 * Lookups the routes need without scanning every resource: by id, and per workspace + type
 * one list per sort key (resources are created only by the seed, so the lists stay valid).
 */
export interface InsightIndexes {
  byId: Map<string, InsightResource>;
  sorted(workspaceId: string, type: ResourceType, key: SortKey): readonly InsightResource[];
}

// A collator is far faster than String#localeCompare on thousands of names.
const collator = new Intl.Collator();

const comparators: Record<SortKey, (a: InsightResource, b: InsightResource) => number> = {
  name: (a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  create_date: (a, b) => a.create_date - b.create_date || (a.id < b.id ? -1 : 1),
  update_date: (a, b) => a.update_date - b.update_date || (a.id < b.id ? -1 : 1),
};

export function buildIndexes(state: InsightState): InsightIndexes {
  const byId = new Map(state.resources.map((r) => [r.id, r]));
  const groups = new Map<string, InsightResource[]>();
  for (const r of state.resources) {
    const key = `${r.workspace_id}/${r.resource_type}`;
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  const sortedCache = new Map<string, InsightResource[]>();
  return {
    byId,
    sorted(workspaceId, type, key) {
      const cacheKey = `${workspaceId}/${type}/${key}`;
      let list = sortedCache.get(cacheKey);
      if (!list) {
        list = [...(groups.get(`${workspaceId}/${type}`) ?? [])].sort(comparators[key]);
        sortedCache.set(cacheKey, list);
      }
      return list;
    },
  };
}
