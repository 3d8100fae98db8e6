import { bulkFixAnswerSchema, bulkFixPlanSchema, undoFixPlanSchema, type BulkFixRequest } from '@portico/api-types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { auditKeys } from './audit-keys';

type Refs = BulkFixRequest['resources'];

/** The plan the confirmation lists: every change, and what is skipped and why. */
export const planBulkFix = (auditId: string, resources: Refs) =>
  apiFetch(`/api/audits/${encodeURIComponent(auditId)}/fix`, bulkFixPlanSchema, {
    method: 'POST',
    body: { resources, dry_run: true },
  });

export const runBulkFix = (auditId: string, resources: Refs, policyVersion: number) =>
  apiFetch(`/api/audits/${encodeURIComponent(auditId)}/fix`, bulkFixAnswerSchema, {
    method: 'POST',
    body: { resources, dry_run: false, policy_version: policyVersion },
  });

const undoUrl = (fixId: string) => `/api/audits/fix/${encodeURIComponent(fixId)}/undo`;

/** What an undo would revert now (saves an earlier undo reverted are left out). */
export const planUndoBulkFix = (fixId: string) =>
  apiFetch(undoUrl(fixId), undoFixPlanSchema, { method: 'POST', body: { dry_run: true } });

export const undoBulkFix = (fixId: string) =>
  apiFetch(undoUrl(fixId), bulkFixAnswerSchema, { method: 'POST', body: {} });

export const usePlanUndoBulkFix = () => useMutation({ mutationFn: planUndoBulkFix });

export const usePlanBulkFix = (auditId: string) =>
  useMutation({ mutationFn: (resources: Refs) => planBulkFix(auditId, resources) });

/** Fix and undo change upstream records: the audit list (not the stored audits) may move on. */
export function useRunBulkFix(auditId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { resources: Refs; policyVersion: number }) =>
      runBulkFix(auditId, input.resources, input.policyVersion),
    onSettled: () => qc.invalidateQueries({ queryKey: auditKeys.lists() }),
  });
}

export function useUndoBulkFix() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: undoBulkFix,
    onSettled: () => qc.invalidateQueries({ queryKey: auditKeys.lists() }),
  });
}
