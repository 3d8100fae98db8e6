import { listAuditsResultSchema } from '@portico/api-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, toQueryString } from '../../../lib/api-client';
import { auditKeys } from './audit-keys';

export function listAudits(workspaceId: string | undefined, signal?: AbortSignal) {
  return apiFetch(`/api/audits${toQueryString({ workspace_id: workspaceId, limit: 50 })}`, listAuditsResultSchema, {
    signal,
  });
}

export const auditsQueryOptions = (workspaceId: string | undefined) =>
  queryOptions({ queryKey: auditKeys.list(workspaceId), queryFn: ({ signal }) => listAudits(workspaceId, signal) });

export const useAudits = (workspaceId: string | undefined) => useQuery(auditsQueryOptions(workspaceId));
