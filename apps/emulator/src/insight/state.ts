import { z } from 'zod';
import {
  cooperateAuthorizationPropertiesSchema,
  epochMillisSchema,
  resourceTypeSchema,
  workspaceSchema,
} from '@portico/api-types/upstream';

/** One DataArts Insight resource as the emulator stores it (lists and exports derive from it). */
export const insightResourceSchema = z.object({
  id: z.string(),
  workspace_id: z.string(),
  resource_type: resourceTypeSchema,
  name: z.string(),
  description: z.string(),
  /** IAM user id of the owner. */
  owner: z.string(),
  create_user: z.string(),
  create_user_name: z.string(),
  create_date: epochMillisSchema,
  update_user_name: z.string(),
  update_date: epochMillisSchema,
  status: z.string(),
  /** Connection type (`mysql`, …) or dataset type (`table`, `sql`); empty for others. */
  kind: z.string(),
  /** The body of the exported definition (fields, layout, row/tag permissions, …). */
  definition: z.record(z.string(), z.unknown()),
});
export type InsightResource = z.infer<typeof insightResourceSchema>;

export const insightStateSchema = z.object({
  instanceId: z.string(),
  projectId: z.string(),
  workspaces: z.array(workspaceSchema.extend({ create_time: epochMillisSchema, update_time: epochMillisSchema })),
  resources: z.array(insightResourceSchema),
  /** Collaboration records keyed by resource id (one per resource). */
  properties: z.record(z.string(), cooperateAuthorizationPropertiesSchema),
});
export type InsightState = z.infer<typeof insightStateSchema>;
