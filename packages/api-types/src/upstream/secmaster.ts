import { z } from 'zod';
import { queryInt } from './common';

/** SecMaster workflow APIs answer errors as `{"code": "SecMaster.NNNNNNNN", "message"}`. */
export const secmasterErrorSchema = z.looseObject({ code: z.string(), message: z.string() });
export type SecmasterError = z.infer<typeof secmasterErrorSchema>;

export const secmasterErrorCodes = {
  invalidWorkflowId: 'SecMaster.20048006',
  invalidParameter: 'SecMaster.20010001',
  workspaceNotFound: 'SecMaster.20040404',
} as const;

/** Most workflow IDs one export request takes. */
export const exportWorkflowsMaxIds = 100;

export const exportWorkflowsRequestSchema = z.object({
  id: z.array(z.string().min(1)).min(1).max(exportWorkflowsMaxIds),
});
export type ExportWorkflowsRequest = z.infer<typeof exportWorkflowsRequestSchema>;

export const aopTypeSchema = z.enum(['NORMAL', 'SURVEY', 'HEMOSTASIS', 'EASE']);

export const listWorkflowsQuerySchema = z.object({
  offset: queryInt(0, 10000).default(0),
  limit: queryInt(1, 100).default(10),
  order: z.enum(['asc', 'desc']).optional(),
  sortby: z.enum(['name', 'create_time', 'update_time']).optional(),
  enabled: z.enum(['true', 'false']).optional(),
  name: z.string().optional(),
  aop_type: aopTypeSchema.optional(),
});
export type ListWorkflowsQuery = z.infer<typeof listWorkflowsQuerySchema>;

export const workflowSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  enabled: z.boolean(),
  aop_type: aopTypeSchema,
  engine_type: z.string(),
  version_id: z.string(),
  owner_id: z.string(),
  creator_id: z.string(),
  workspace_id: z.string(),
  project_id: z.string(),
  dataclass_id: z.string(),
  create_time: z.string().optional(),
  update_time: z.string().optional(),
});
export type Workflow = z.infer<typeof workflowSchema>;

export const listWorkflowsResponseSchema = z.looseObject({
  code: z.string(),
  message: z.string(),
  success: z.boolean(),
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  limit: z.number().int().nonnegative(),
  data: z.array(workflowSchema),
});
export type ListWorkflowsResponse = z.infer<typeof listWorkflowsResponseSchema>;
