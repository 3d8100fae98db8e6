import type { ListableResourceType } from '@portico/api-types';

export interface ResourceListFilters {
  workspaceId: string | undefined;
  type: ListableResourceType;
  search: string;
}

export const resourceKeys = {
  all: ['resources'] as const,
  lists: () => [...resourceKeys.all, 'list'] as const,
  list: (filters: ResourceListFilters) => [...resourceKeys.lists(), filters] as const,
};
