import { listWorkflowsResultSchema } from '@portico/api-types';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiFetch, toQueryString } from '../../../lib/api-client';
import { nextPageOffset } from '../../../lib/next-page-offset';

/** The BFF's (and SecMaster's) largest page. */
export const workflowPageSize = 100;

export const workflowKeys = {
  all: ['workflows'] as const,
  lists: () => [...workflowKeys.all, 'list'] as const,
  list: (filters: { search: string }) => [...workflowKeys.lists(), filters] as const,
};

export function listWorkflows(filters: { search: string }, offset: number, signal?: AbortSignal) {
  return apiFetch(
    `/api/secmaster/workflows${toQueryString({ search: filters.search || undefined, offset, limit: workflowPageSize })}`,
    listWorkflowsResultSchema,
    { signal },
  );
}

export const workflowsInfiniteQueryOptions = (filters: { search: string }) =>
  infiniteQueryOptions({
    queryKey: workflowKeys.list(filters),
    queryFn: ({ pageParam, signal }) => listWorkflows(filters, pageParam, signal),
    initialPageParam: 0,
    getNextPageParam: nextPageOffset,
  });

export const useWorkflows = (filters: { search: string }) => useInfiniteQuery(workflowsInfiniteQueryOptions(filters));
