import {
  permissionsConflictErrorSchema,
  permissionsRecordSchema,
  type AuthSwitchConfig,
  type PermissionsRecord,
} from '@portico/api-types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { ApiError } from '../../../lib/api-error';
import { permissionKeys, type PermissionTarget } from './permission-keys';

export interface SavePermissionsInput {
  config: AuthSwitchConfig;
  /** The `update_date` the user saw; left out to overwrite whatever is stored. */
  expectedUpdateDate?: number;
}

export function savePermissions(target: PermissionTarget, input: SavePermissionsInput) {
  return apiFetch('/api/insight/permissions', permissionsRecordSchema, {
    method: 'PUT',
    workspaceId: target.workspaceId,
    body: {
      resource_type: target.resourceType,
      resource_id: target.resourceId,
      auth_switch_config: input.config,
      expected_update_date: input.expectedUpdateDate,
    },
  });
}

/** The stored record a 409 carries, when the error is a save conflict. */
export function conflictRecord(err: unknown): PermissionsRecord | undefined {
  if (!(err instanceof ApiError) || err.code !== 'conflict') return undefined;
  const parsed = permissionsConflictErrorSchema.safeParse(err.body);
  return parsed.success ? parsed.data.current : undefined;
}

/** Shows the change at once; puts the previous record back if the save fails. */
export function useSavePermissions(target: PermissionTarget) {
  const qc = useQueryClient();
  const key = permissionKeys.detail(target);
  return useMutation({
    mutationFn: (input: SavePermissionsInput) => savePermissions(target, input),
    onMutate: async (input) => {
      await qc.cancelQueries({ queryKey: key });
      const previous = qc.getQueryData<PermissionsRecord>(key);
      if (previous) qc.setQueryData<PermissionsRecord>(key, { ...previous, auth_switch_config: input.config });
      return { previous };
    },
    onError: (_err, _input, context) => {
      if (context?.previous) qc.setQueryData(key, context.previous);
    },
    onSuccess: (record) => qc.setQueryData(key, record),
  });
}
