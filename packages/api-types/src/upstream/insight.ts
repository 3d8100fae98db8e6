import { z } from 'zod';
import { authSwitchConfigSchema, exportableResourceTypeSchema, resourceTypeSchema } from '../domain';
import { epochMillisSchema, queryInt } from './common';

export const workspaceIdHeader = 'x-workspace-id';

/** DataArts Insight error body: `{"error_code": "<numeric string>", "error_msg"}`. */
export const insightErrorSchema = z.looseObject({ error_code: z.string(), error_msg: z.string() });
export type InsightError = z.infer<typeof insightErrorSchema>;

/** Known DataArts Insight error codes. */
export const insightErrorCodes = {
  resourceNotFound: '24010003',
  noCollaborationPermission: '24010043',
  workspaceNotFound: '24150005',
  iamPermission: '20010003',
  invalidParameter: '24010001',
} as const;

// ---- cooperate-authorization/properties ---------------------------------------------------

export const getPropertiesQuerySchema = z.object({
  resource_id: z.string().min(1),
  resource_type: resourceTypeSchema,
});
export type GetPropertiesQuery = z.infer<typeof getPropertiesQuerySchema>;

export const savePropertiesRequestSchema = z.object({
  resource_id: z.string().min(1),
  resource_type: resourceTypeSchema,
  auth_switch_config: authSwitchConfigSchema.optional(),
});
export type SavePropertiesRequest = z.infer<typeof savePropertiesRequestSchema>;

/** The stored collaboration record, as both GET and POST answer it. */
export const cooperateAuthorizationPropertiesSchema = z.looseObject({
  id: z.string(),
  project_id: z.string(),
  workspace_id: z.string(),
  resource_id: z.string(),
  resource_type: resourceTypeSchema,
  owner: z.string(),
  auth_switch_config: authSwitchConfigSchema,
  create_date: epochMillisSchema,
  create_user: z.string(),
  create_user_name: z.string(),
  update_date: epochMillisSchema,
  update_user: z.string(),
  update_user_name: z.string(),
});
export type CooperateAuthorizationProperties = z.infer<typeof cooperateAuthorizationPropertiesSchema>;

// ---- resource-package/export --------------------------------------------------------------

export const resourceRefSchema = z.object({
  resource_type: exportableResourceTypeSchema,
  resource_id: z.string().min(1),
});
export type ResourceRef = z.infer<typeof resourceRefSchema>;

export const exportResourcePackageRequestSchema = z.object({
  name: z.string().trim().min(1).max(256),
  export_param: z.object({ export_dataset_tag_permission: z.boolean().optional() }).optional(),
  resources: z.array(resourceRefSchema).min(1),
});
export type ExportResourcePackageRequest = z.infer<typeof exportResourcePackageRequestSchema>;

// ---- list APIs ----------------------------------------------------------------------------

/** `offset` and `limit` as the provider bounds them (see docs/decisions on offset). */
export const insightPageQuerySchema = z.object({
  offset: queryInt(0, Number.MAX_SAFE_INTEGER).default(0),
  limit: queryInt(1, 1000).default(10),
});

export const sortDirSchema = z.enum(['asc', 'desc']);

export const listWorkspacesQuerySchema = insightPageQuerySchema.extend({
  name: z.string().optional(),
});

export const workspaceSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  is_default: z.boolean().optional(),
  owner_name: z.string().optional(),
  create_time: epochMillisSchema.optional(),
  update_time: epochMillisSchema.optional(),
});
export type Workspace = z.infer<typeof workspaceSchema>;

const pageOf = <T extends z.ZodType>(item: T) =>
  z.looseObject({ count: z.number().int().nonnegative(), page_data: z.array(item) });

export const listWorkspacesResponseSchema = pageOf(workspaceSchema);
export type ListWorkspacesResponse = z.infer<typeof listWorkspacesResponseSchema>;

/** Dashboards and large screens: `GET /v1/{project_id}/resources/{dashboard|screen}`. */
export const listDashboardsQuerySchema = insightPageQuerySchema.extend({
  name: z.string().optional(),
  sort_key: z.enum(['name', 'create_date', 'update_date']).optional(),
  sort_dir: sortDirSchema.optional(),
});

export const dashboardSummarySchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  create_user_name: z.string(),
  create_date: epochMillisSchema,
  update_user_name: z.string(),
  update_date: epochMillisSchema,
  status: z.string(),
});
export type DashboardSummary = z.infer<typeof dashboardSummarySchema>;
export const listDashboardsResponseSchema = pageOf(dashboardSummarySchema);
export type ListDashboardsResponse = z.infer<typeof listDashboardsResponseSchema>;

/** Data sources: `GET /v1/{project_id}/connections`. */
export const listConnectionsQuerySchema = insightPageQuerySchema.extend({
  name: z.string().optional(),
});
export const connectionSummarySchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  creation_user_name: z.string(),
  creation_date: epochMillisSchema,
  update_user_name: z.string(),
  update_date: epochMillisSchema,
});
export type ConnectionSummary = z.infer<typeof connectionSummarySchema>;
export const listConnectionsResponseSchema = pageOf(connectionSummarySchema);
export type ListConnectionsResponse = z.infer<typeof listConnectionsResponseSchema>;

/** Datasets: `GET /v1/{project_id}/datasets`. */
export const listDatasetsQuerySchema = listDashboardsQuerySchema;
export const datasetSummarySchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  type: z.enum(['table', 'sql']).optional(),
  description: z.string().optional(),
  project_id: z.string().optional(),
  create_user: z.string().optional(),
  create_user_name: z.string().optional(),
  create_date: epochMillisSchema.optional(),
  update_user_name: z.string().optional(),
  update_date: epochMillisSchema.optional(),
  permission_list: z.array(z.string()).optional(),
});
export type DatasetSummary = z.infer<typeof datasetSummarySchema>;
export const listDatasetsResponseSchema = pageOf(datasetSummarySchema);
export type ListDatasetsResponse = z.infer<typeof listDatasetsResponseSchema>;
