import { assetJobResultSchema } from '@portico/api-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { importKeys } from './import-keys';

export const jobPollMs = 1000;

export const getAssetJob = (jobId: string, signal?: AbortSignal) =>
  apiFetch(`/api/roma/assets/jobs/${encodeURIComponent(jobId)}`, assetJobResultSchema, { signal });

/** Polls while the job runs and stops once it has ended. */
export const assetJobQueryOptions = (jobId: string, pollMs = jobPollMs) =>
  queryOptions({
    queryKey: importKeys.job(jobId),
    queryFn: ({ signal }) => getAssetJob(jobId, signal),
    refetchInterval: (q) => (q.state.data && q.state.data.status !== 'RUNNING' ? false : pollMs),
    staleTime: 0,
  });

export const useAssetJob = (jobId: string, pollMs?: number) => useQuery(assetJobQueryOptions(jobId, pollMs));
