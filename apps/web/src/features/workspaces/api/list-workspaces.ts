import { listWorkspacesResultSchema } from '@portico/api-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';

export const workspaceKeys = {
  all: ['workspaces'] as const,
  list: () => [...workspaceKeys.all, 'list'] as const,
};

export const listWorkspaces = () => apiFetch('/api/insight/workspaces', listWorkspacesResultSchema);

export const workspacesQueryOptions = () =>
  queryOptions({ queryKey: workspaceKeys.list(), queryFn: listWorkspaces, staleTime: 5 * 60_000 });

export const useWorkspaces = () => useQuery(workspacesQueryOptions());
