import { z } from 'zod';
import { pagedResultSchema } from './paged-result';
import { authSwitchConfigSchema, listableResourceTypeSchema, resourceTypeSchema } from '../domain';
import { cooperateAuthorizationPropertiesSchema, exportResourcePackageRequestSchema } from '../upstream/insight';

const pageQuery = {
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
};

/** `GET /api/insight/workspaces`. */
export const workspaceSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  is_default: z.boolean().optional(),
});
export type WorkspaceSummary = z.infer<typeof workspaceSummarySchema>;
export const listWorkspacesResultSchema = z.object({
  total: z.number().int(),
  items: z.array(workspaceSummarySchema),
});
export type ListWorkspacesResult = z.infer<typeof listWorkspacesResultSchema>;

/** `GET /api/insight/resources?type&search&offset&limit` — one shape for the four list APIs. */
export const listResourcesQuerySchema = z.object({
  type: listableResourceTypeSchema,
  search: z.string().trim().max(128).optional(),
  ...pageQuery,
});
export type ListResourcesQuery = z.infer<typeof listResourcesQuerySchema>;

export const resourceSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  resource_type: resourceTypeSchema,
  create_user_name: z.string().optional(),
  create_date: z.number().optional(),
  update_user_name: z.string().optional(),
  update_date: z.number().optional(),
});
export type ResourceSummary = z.infer<typeof resourceSummarySchema>;

export const listResourcesResultSchema = pagedResultSchema(resourceSummarySchema);
export type ListResourcesResult = z.infer<typeof listResourcesResultSchema>;

/** `GET /api/insight/permissions?resource_type&resource_id`. */
export const getPermissionsQuerySchema = z.object({
  resource_type: resourceTypeSchema,
  resource_id: z.string().trim().min(1).max(128),
});
export type GetPermissionsQuery = z.infer<typeof getPermissionsQuerySchema>;

export const permissionsRecordSchema = cooperateAuthorizationPropertiesSchema;
export type PermissionsRecord = z.infer<typeof permissionsRecordSchema>;

/**
 * `PUT /api/insight/permissions`. `expected_update_date` is the `update_date` the user saw:
 * when the stored record has changed since, the BFF answers 409 with the current record
 * instead of overwriting, unless `expected_update_date` is left out.
 */
export const savePermissionsRequestSchema = z.object({
  resource_type: resourceTypeSchema,
  resource_id: z.string().trim().min(1).max(128),
  auth_switch_config: authSwitchConfigSchema,
  expected_update_date: z.number().int().nonnegative().optional(),
});
export type SavePermissionsRequest = z.infer<typeof savePermissionsRequestSchema>;

/** `POST /api/insight/resource-packages/export` — the upstream body, checked the same way. */
export const exportResourcePackageBodySchema = exportResourcePackageRequestSchema;
export type ExportResourcePackageBody = z.infer<typeof exportResourcePackageBodySchema>;

/**
 * The `error` object of the 409 `conflict` answer to `PUT /api/insight/permissions`: besides
 * code and message it carries the stored record as `current`, so the user can be told who
 * changed it and when before choosing to overwrite.
 */
export const permissionsConflictErrorSchema = z.object({
  code: z.literal('conflict'),
  message: z.string(),
  current: permissionsRecordSchema,
});
export type PermissionsConflictError = z.infer<typeof permissionsConflictErrorSchema>;
