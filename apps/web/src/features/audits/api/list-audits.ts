import { listAuditsResultSchema } from '@portico/api-types';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiFetch, toQueryString } from '../../../lib/api-client';
import { nextPageOffset } from '../../../lib/next-page-offset';
import { auditKeys } from './audit-keys';

/** Audits a page lists at once, newest first; older ones follow on request. */
export const auditPageSize = 50;

export function listAudits(workspaceId: string | undefined, offset: number, signal?: AbortSignal) {
  return apiFetch(
    `/api/audits${toQueryString({ workspace_id: workspaceId, offset, limit: auditPageSize })}`,
    listAuditsResultSchema,
    { signal },
  );
}

export const auditsInfiniteQueryOptions = (workspaceId: string | undefined) =>
  infiniteQueryOptions({
    queryKey: auditKeys.list(workspaceId),
    queryFn: ({ pageParam, signal }) => listAudits(workspaceId, pageParam, signal),
    initialPageParam: 0,
    getNextPageParam: nextPageOffset,
  });

export const useAudits = (workspaceId: string | undefined) => useInfiniteQuery(auditsInfiniteQueryOptions(workspaceId));
