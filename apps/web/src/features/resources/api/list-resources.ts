import { listResourcesResultSchema } from '@portico/api-types';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiFetch, toQueryString } from '../../../lib/api-client';
import { nextPageOffset } from '../../../lib/next-page-offset';
import { resourceKeys, type ResourceListFilters } from './resource-keys';

/** The BFF's largest page: fewer round trips while scrolling through thousands of rows. */
export const resourcePageSize = 200;

export function listResources(filters: ResourceListFilters, offset: number, signal?: AbortSignal) {
  const qs = toQueryString({
    type: filters.type,
    search: filters.search || undefined,
    offset,
    limit: resourcePageSize,
  });
  return apiFetch(`/api/insight/resources${qs}`, listResourcesResultSchema, {
    signal,
    workspaceId: filters.workspaceId,
  });
}

export const resourcesInfiniteQueryOptions = (filters: ResourceListFilters) =>
  infiniteQueryOptions({
    queryKey: resourceKeys.list(filters),
    queryFn: ({ pageParam, signal }) => listResources(filters, pageParam, signal),
    initialPageParam: 0,
    getNextPageParam: nextPageOffset,
    enabled: Boolean(filters.workspaceId),
  });

export const useResources = (filters: ResourceListFilters) => useInfiniteQuery(resourcesInfiniteQueryOptions(filters));
