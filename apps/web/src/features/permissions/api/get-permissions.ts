import { permissionsRecordSchema } from '@portico/api-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, toQueryString } from '../../../lib/api-client';
import { permissionKeys, type PermissionTarget } from './permission-keys';

export function getPermissions(target: PermissionTarget, signal?: AbortSignal) {
  const qs = toQueryString({ resource_type: target.resourceType, resource_id: target.resourceId });
  return apiFetch(`/api/insight/permissions${qs}`, permissionsRecordSchema, {
    signal,
    workspaceId: target.workspaceId,
  });
}

export const permissionsQueryOptions = (target: PermissionTarget) =>
  queryOptions({
    queryKey: permissionKeys.detail(target),
    queryFn: ({ signal }) => getPermissions(target, signal),
    // Always read fresh: the record's update_date is what conflicts are checked against.
    staleTime: 0,
  });

export const usePermissions = (target: PermissionTarget) => useQuery(permissionsQueryOptions(target));
