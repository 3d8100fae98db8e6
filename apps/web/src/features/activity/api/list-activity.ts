import { listActivityResultSchema, type ListActivityQuery } from '@portico/api-types';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, toQueryString } from '../../../lib/api-client';
import { downloadFile, type DownloadProgress } from '../../../lib/download-file';

export type ActivityFilters = Partial<ListActivityQuery>;

export const activityKeys = {
  all: ['activity'] as const,
  lists: () => [...activityKeys.all, 'list'] as const,
  list: (filters: ActivityFilters) => [...activityKeys.lists(), filters] as const,
};

export const listActivity = (filters: ActivityFilters, signal?: AbortSignal) =>
  apiFetch(`/api/activity${toQueryString(filters)}`, listActivityResultSchema, { signal });

export const activityQueryOptions = (filters: ActivityFilters) =>
  queryOptions({
    queryKey: activityKeys.list(filters),
    queryFn: ({ signal }) => listActivity(filters, signal),
    placeholderData: keepPreviousData,
  });

export const useActivity = (filters: ActivityFilters) => useQuery(activityQueryOptions(filters));

/** The same filters as CSV; paging is the server's business, so offset and limit are left out. */
export function downloadActivityCsv(
  filters: ActivityFilters,
  opts: { signal: AbortSignal; onProgress: (p: DownloadProgress) => void },
) {
  const { offset: _offset, limit: _limit, ...rest } = filters;
  return downloadFile(`/api/activity.csv${toQueryString(rest)}`, undefined, { ...opts, fallbackName: 'activity.csv' });
}
