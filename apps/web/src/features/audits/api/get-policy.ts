import { policySchema } from '@portico/api-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { auditKeys } from './audit-keys';

export const getPolicy = (signal?: AbortSignal) => apiFetch('/api/policy', policySchema, { signal });

export const policyQueryOptions = () =>
  queryOptions({ queryKey: auditKeys.policy(), queryFn: ({ signal }) => getPolicy(signal) });

export const usePolicy = () => useQuery(policyQueryOptions());
