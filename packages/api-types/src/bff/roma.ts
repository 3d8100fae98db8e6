import { z } from 'zod';
import { assetJobIdResponseSchema, assetJobSchema, importAssetsQuerySchema } from '../upstream/roma';

export {
  assetManifestFileName,
  assetManifestSchema,
  assetPackageFileNamePattern,
  importAssetFileField,
  maxAssetsPerPackage,
  romaErrorCodes,
  type AssetManifest,
} from '../upstream/roma';

/** `POST /api/roma/assets/import?type&prefix&datasource_overwrite` (multipart). */
export const importAssetsOptionsSchema = importAssetsQuerySchema;
export type ImportAssetsOptions = z.infer<typeof importAssetsOptionsSchema>;

export const importAssetsResultSchema = assetJobIdResponseSchema;
export type ImportAssetsResult = z.infer<typeof importAssetsResultSchema>;

/** `GET /api/roma/assets/jobs/:job_id`. */
export const assetJobResultSchema = assetJobSchema;
export type AssetJobResult = z.infer<typeof assetJobResultSchema>;

export const assetJobIdParamSchema = z.object({
  job_id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9-]+$/, 'letters, digits and - only'),
});
