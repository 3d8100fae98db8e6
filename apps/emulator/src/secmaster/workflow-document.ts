import { z } from 'zod';
import { workflowSchema } from '@portico/api-types/upstream';
import { workflowDefinitionSchema } from './state';
import type { StoredWorkflow } from './state';

/**
 * The provider does not document the export file's inner format; this one carries a format
 * marker and each workflow's definition (actions, triggers, version) so an import can take it back.
 */
export const workflowDocumentFormat = 'secmaster-workflows';

export const workflowDocumentSchema = z.object({
  format: z.literal(workflowDocumentFormat),
  format_version: z.literal(1),
  exported_at: z.string(),
  workflows: z.array(z.object({ workflow: workflowSchema, definition: workflowDefinitionSchema })),
});
export type WorkflowDocument = z.infer<typeof workflowDocumentSchema>;

export function workflowDocument(workflows: StoredWorkflow[], projectId: string, now: number): WorkflowDocument {
  return {
    format: workflowDocumentFormat,
    format_version: 1,
    exported_at: new Date(now).toISOString(),
    workflows: workflows.map((w) => ({ workflow: { ...w.workflow, project_id: projectId }, definition: w.definition })),
  };
}
