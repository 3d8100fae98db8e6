import type { ListResourcesResult } from '@portico/api-types';
import { useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { resourceKeys } from './resource-keys';

const nameKey = (type: string, id: string) => `${type}:${id}`;

/**
 * The names of resources any list page already loaded, so picks (kept in the URL as IDs) read
 * as names; it follows the cache, so a name appears as soon as its page arrives.
 */
export function useKnownResourceNames(): (r: { resource_type: string; resource_id: string }) => string | undefined {
  const qc = useQueryClient();
  const [version, setVersion] = useState(0);
  useEffect(
    () =>
      qc.getQueryCache().subscribe((event) => {
        if (event.type === 'updated' && event.query.queryKey[0] === resourceKeys.all[0]) setVersion((v) => v + 1);
      }),
    [qc],
  );
  const names = useMemo(() => {
    void version; // recomputed whenever a list page changes
    const map = new Map<string, string>();
    for (const [, data] of qc.getQueriesData<InfiniteData<ListResourcesResult>>({ queryKey: resourceKeys.lists() })) {
      for (const page of data?.pages ?? []) for (const r of page.items) map.set(nameKey(r.resource_type, r.id), r.name);
    }
    return map;
  }, [qc, version]);
  return (r) => names.get(nameKey(r.resource_type, r.resource_id));
}
