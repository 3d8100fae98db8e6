import type { ListResourcesResult } from '@portico/api-types';
import { useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { resourceKeys } from './resource-keys';

type Ref = { resource_type: string; resource_id: string };
const nameKey = (r: Ref) => `${r.resource_type}:${r.resource_id}`;

/**
 * The names of the given picks that a loaded list page knows, so picks (kept in the URL as IDs)
 * read as names. It looks again when a list page arrives, and not at all with nothing picked.
 */
export function useKnownResourceNames(picks: readonly Ref[]): ReadonlyMap<string, string> {
  const qc = useQueryClient();
  const [pagesLoaded, setPagesLoaded] = useState(0);
  useEffect(
    () =>
      qc.getQueryCache().subscribe((event) => {
        const arrived = event.type === 'updated' && event.action.type === 'success';
        if (arrived && event.query.queryKey[0] === resourceKeys.all[0]) setPagesLoaded((n) => n + 1);
      }),
    [qc],
  );
  return useMemo(() => {
    void pagesLoaded; // the cache's version: a page that arrived may name a pick
    const wanted = new Set(picks.map(nameKey));
    const names = new Map<string, string>();
    if (wanted.size === 0) return names;
    for (const [, data] of qc.getQueriesData<InfiniteData<ListResourcesResult>>({ queryKey: resourceKeys.lists() })) {
      for (const page of data?.pages ?? []) {
        for (const r of page.items) {
          const key = nameKey({ resource_type: r.resource_type, resource_id: r.id });
          if (wanted.has(key)) names.set(key, r.name);
        }
      }
    }
    return names;
  }, [qc, picks, pagesLoaded]);
}
