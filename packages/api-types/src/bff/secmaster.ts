import { z } from 'zod';
import { pagedResultSchema } from './paged-result';
import { exportWorkflowsMaxIds, exportWorkflowsRequestSchema, workflowSchema } from '../upstream/secmaster';

/** `GET /api/secmaster/workflows?search&offset&limit`. */
export const listWorkflowsBffQuerySchema = z.object({
  search: z.string().trim().max(128).optional(),
  offset: z.coerce.number().int().min(0).max(10000).default(0),
  limit: z.coerce.number().int().min(1).max(100).default(100),
});
export type ListWorkflowsBffQuery = z.infer<typeof listWorkflowsBffQuerySchema>;

export const workflowSummarySchema = workflowSchema;
export type WorkflowSummary = z.infer<typeof workflowSummarySchema>;

export const listWorkflowsResultSchema = pagedResultSchema(workflowSummarySchema);
export type ListWorkflowsResult = z.infer<typeof listWorkflowsResultSchema>;

/** `POST /api/secmaster/workflows/export`: at most `exportWorkflowsMaxIds` IDs. */
export { exportWorkflowsMaxIds };
export const exportWorkflowsBodySchema = exportWorkflowsRequestSchema;
export type ExportWorkflowsBody = z.infer<typeof exportWorkflowsBodySchema>;
