import { listWorkflowsResultSchema } from '@portico/api-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, toQueryString } from '../../../lib/api-client';

export const workflowKeys = {
  all: ['workflows'] as const,
  lists: () => [...workflowKeys.all, 'list'] as const,
  list: (filters: { search: string }) => [...workflowKeys.lists(), filters] as const,
};

export function listWorkflows(filters: { search: string }, signal?: AbortSignal) {
  return apiFetch(
    `/api/secmaster/workflows${toQueryString({ search: filters.search || undefined, limit: 100 })}`,
    listWorkflowsResultSchema,
    { signal },
  );
}

export const workflowsQueryOptions = (filters: { search: string }) =>
  queryOptions({ queryKey: workflowKeys.list(filters), queryFn: ({ signal }) => listWorkflows(filters, signal) });

export const useWorkflows = (filters: { search: string }) => useQuery(workflowsQueryOptions(filters));
