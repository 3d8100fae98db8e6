import { policySchema, type SavePolicyRequest } from '@portico/api-types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { auditKeys } from './audit-keys';

export const savePolicy = (body: SavePolicyRequest) => apiFetch('/api/policy', policySchema, { method: 'PUT', body });

export function useSavePolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: savePolicy,
    onSuccess: (saved) => qc.setQueryData(auditKeys.policy(), saved),
  });
}
