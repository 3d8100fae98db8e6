import { auditDetailSchema } from '@portico/api-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { auditKeys } from './audit-keys';

export function getAudit(id: string, signal?: AbortSignal) {
  return apiFetch(`/api/audits/${encodeURIComponent(id)}`, auditDetailSchema, { signal });
}

export const auditQueryOptions = (id: string) =>
  queryOptions({
    queryKey: auditKeys.detail(id),
    queryFn: ({ signal }) => getAudit(id, signal),
    // A stored audit that has ended never changes: it is read once and kept. One still running
    // (opened from the list meanwhile) is read again until it ends.
    staleTime: (q) => (q.state.data?.status === 'running' ? 0 : Infinity),
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 2_000 : false),
  });

export const useAudit = (id: string | undefined) =>
  useQuery({ ...auditQueryOptions(id ?? ''), enabled: id !== undefined });
