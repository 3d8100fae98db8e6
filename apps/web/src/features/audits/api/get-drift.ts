import { driftReportSchema } from '@portico/api-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, toQueryString } from '../../../lib/api-client';
import { auditKeys } from './audit-keys';

export function getDrift(from: string, to: string, signal?: AbortSignal) {
  return apiFetch(`/api/audits/drift${toQueryString({ from, to })}`, driftReportSchema, { signal });
}

export const driftQueryOptions = (from: string, to: string) =>
  queryOptions({
    queryKey: auditKeys.drift(from, to),
    queryFn: ({ signal }) => getDrift(from, to, signal),
    staleTime: Infinity,
  });

export const useDrift = (pair: { from: string; to: string } | undefined) =>
  useQuery({ ...driftQueryOptions(pair?.from ?? '', pair?.to ?? ''), enabled: pair !== undefined });
