import { z } from 'zod';

/** ROMA Connect asset APIs: `{"error_code","error_msg","error_details","request_id"}`. */
export const romaErrorSchema = z.looseObject({
  error_code: z.string(),
  error_msg: z.string(),
  error_details: z.string().optional(),
  request_id: z.string().optional(),
});
export type RomaError = z.infer<typeof romaErrorSchema>;

export const romaErrorCodes = {
  noToken: 'ROMA.1000',
  wrongToken: 'ROMA.1002',
  noPermission: 'ROMA.1006',
  decompressionFailed: 'ROMA.10011',
  jobAlreadyRunning: 'ROMA.10012',
  badFileName: 'ROMA.10013',
  invalidParameters: 'ROMA.13000',
  noRequestBody: 'ROMA.13001',
} as const;

/** The multipart field that carries the asset package, exactly as upstream names it. */
export const importAssetFileField = 'ImportAssetRequestBody';

/** At most this many applications and tasks in one package. */
export const maxAssetsPerPackage = 100;

/** `.zip` whose name starts with a letter or digit and uses no special characters but `+ - _`. */
export const assetPackageFileNamePattern = /^[A-Za-z0-9][A-Za-z0-9+\-_]*\.zip$/;

export const importAssetsQuerySchema = z.object({
  type: z.enum(['AddNew', 'Merge']).default('AddNew'),
  prefix: z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9_-]*$/, 'only letters, digits, _ and -')
    .optional(),
  datasource_overwrite: z.enum(['true', 'false']).default('false'),
});
export type ImportAssetsQuery = z.infer<typeof importAssetsQuerySchema>;

export const assetJobIdResponseSchema = z.looseObject({ job_id: z.string().min(1) });
export type AssetJobIdResponse = z.infer<typeof assetJobIdResponseSchema>;

export const assetJobReasonSchema = z.looseObject({
  resource_type: z.enum(['application', 'task']),
  resource_name: z.string(),
  error_code: z.string(),
  error_msg: z.string(),
});

export const assetJobStatusSchema = z.enum(['RUNNING', 'SUCCEEDED', 'FAILED']);
export type AssetJobStatus = z.infer<typeof assetJobStatusSchema>;

export const assetJobSchema = z.looseObject({
  id: z.string(),
  type: z.enum(['importAsset', 'exportAsset']),
  status: assetJobStatusSchema,
  progress_percent: z.number().min(0).max(1),
  reasons: z.array(assetJobReasonSchema).optional(),
  archive_id: z.string().optional(),
  begin_time: z.string(),
  end_time: z.string().optional(),
});
export type AssetJob = z.infer<typeof assetJobSchema>;

export const exportAssetsRequestSchema = z.object({
  apps: z.array(z.object({ id: z.string().min(1) })).default([]),
  tasks: z.array(z.object({ id: z.string().min(1) })).default([]),
});
export type ExportAssetsRequest = z.infer<typeof exportAssetsRequestSchema>;

/**
 * What an asset package declares. The provider does not document the archive's inner layout;
 * Portico's emulator and console read (and the emulator's export writes) `manifest.json` at the
 * root of the ZIP in this shape, with each asset's definition beside it.
 */
export const assetManifestFileName = 'manifest.json';
export const assetManifestSchema = z.object({
  asset_version: z.string().min(1),
  applications: z.array(
    z.looseObject({ id: z.string().optional(), name: z.string().min(1), description: z.string().optional() }),
  ),
  tasks: z.array(
    z.looseObject({
      id: z.string().optional(),
      name: z.string().min(1),
      application: z.string().optional(),
      datasources: z.array(z.string()).optional(),
    }),
  ),
});
export type AssetManifest = z.infer<typeof assetManifestSchema>;
