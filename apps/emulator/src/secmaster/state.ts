import { z } from 'zod';
import { workflowSchema } from '@portico/api-types/upstream';

/** What a playbook workflow runs; the list API does not show it, the export carries it. */
export const workflowDefinitionSchema = z.object({
  version: z.object({ id: z.string(), name: z.string(), status: z.string() }),
  triggers: z.array(z.object({ type: z.string(), condition: z.string() })),
  actions: z.array(z.object({ id: z.string(), name: z.string(), plugin: z.string() })),
});
export type WorkflowDefinition = z.infer<typeof workflowDefinitionSchema>;

export const storedWorkflowSchema = z.object({
  workflow: workflowSchema,
  definition: workflowDefinitionSchema,
});
export type StoredWorkflow = z.infer<typeof storedWorkflowSchema>;

export const secmasterStateSchema = z.object({
  /** Keyed by workspace id; `project_id` in answers is the caller's (checked against the token). */
  workspaces: z.record(z.string(), z.object({ workflows: z.array(storedWorkflowSchema) })),
});
export type SecmasterState = z.infer<typeof secmasterStateSchema>;
