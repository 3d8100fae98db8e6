import type { ResourceType } from '@portico/api-types';

export interface PermissionTarget {
  workspaceId: string | undefined;
  resourceType: ResourceType;
  resourceId: string;
}

export const permissionKeys = {
  all: ['permissions'] as const,
  details: () => [...permissionKeys.all, 'detail'] as const,
  detail: (target: PermissionTarget) => [...permissionKeys.details(), target] as const,
};
