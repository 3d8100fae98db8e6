import { permissionsRecordSchema, type ResourceType } from '@portico/api-types';
import { useMutation } from '@tanstack/react-query';
import { apiFetch, toQueryString } from '../../../lib/api-client';

/**
 * Types without a list API are entered by ID; reading the ID's permissions proves it exists
 * (upstream answers 404 `24010003` otherwise).
 */
export function checkResourceId(workspaceId: string | undefined, resource_type: ResourceType, resource_id: string) {
  return apiFetch(`/api/insight/permissions${toQueryString({ resource_type, resource_id })}`, permissionsRecordSchema, {
    workspaceId,
  });
}

export function useCheckResourceId(workspaceId: string | undefined) {
  return useMutation({
    mutationFn: ({ type, id }: { type: ResourceType; id: string }) => checkResourceId(workspaceId, type, id),
  });
}
