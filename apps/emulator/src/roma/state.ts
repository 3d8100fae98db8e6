import { z } from 'zod';
import { assetJobReasonSchema, assetManifestSchema, importAssetsQuerySchema } from '@portico/api-types/upstream';

export const romaApplicationSchema = z.object({ id: z.string(), name: z.string(), description: z.string() });
export type RomaApplication = z.infer<typeof romaApplicationSchema>;

export const romaTaskSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Name of the application the task belongs to. */
  application: z.string().optional(),
  datasources: z.array(z.string()),
});
export type RomaTask = z.infer<typeof romaTaskSchema>;

/**
 * A job's outcome is decided when its time is up (`settleJobs`), so imports see the state as
 * it is then; until then the job keeps what it was asked to do.
 */
export const storedJobSchema = z.object({
  id: z.string(),
  type: z.enum(['importAsset', 'exportAsset']),
  user_id: z.string(),
  begin_ms: z.number(),
  end_ms: z.number(),
  import: z.object({ manifest: assetManifestSchema, query: importAssetsQuerySchema }).optional(),
  export: z.object({ apps: z.array(z.string()), tasks: z.array(z.string()) }).optional(),
  outcome: z.object({ status: z.enum(['SUCCEEDED', 'FAILED']), reasons: z.array(assetJobReasonSchema) }).optional(),
  archive_id: z.string().optional(),
});
export type StoredJob = z.infer<typeof storedJobSchema>;

export const archiveSchema = z.object({
  id: z.string(),
  applications: z.array(romaApplicationSchema),
  tasks: z.array(romaTaskSchema),
  downloaded: z.boolean(),
});
export type RomaArchive = z.infer<typeof archiveSchema>;

export const romaInstanceStateSchema = z.object({
  applications: z.array(romaApplicationSchema),
  tasks: z.array(romaTaskSchema),
  /** Data source names known to the instance (task imports may collide with them). */
  datasources: z.array(z.string()),
  jobs: z.array(storedJobSchema),
  archives: z.array(archiveSchema),
});
export type RomaInstanceState = z.infer<typeof romaInstanceStateSchema>;

export const romaStateSchema = z.object({ instances: z.record(z.string(), romaInstanceStateSchema) });
export type RomaState = z.infer<typeof romaStateSchema>;
