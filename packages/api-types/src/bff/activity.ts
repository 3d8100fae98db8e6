import { z } from 'zod';
import { pagedResultSchema } from './paged-result';
import { roleSchema } from './session';

export const activityOperations = [
  'session.sign_in',
  'session.sign_out',
  'permissions.save',
  'resource_package.export',
  'workflows.export',
  'assets.import',
  'audit.run',
  'audit.fix',
  'audit.undo',
  'policy.save',
] as const;
export const activityOperationSchema = z.enum(activityOperations);
export type ActivityOperation = z.infer<typeof activityOperationSchema>;

/**
 * `pending`: written before the upstream call and settled once it answers; an entry still pending
 * is an operation whose outcome is not known (the BFF stopped, or the database was away, meanwhile).
 */
export const activityOutcomes = ['success', 'failure', 'pending'] as const;
export const activityOutcomeSchema = z.enum(activityOutcomes);
export type ActivityOutcome = z.infer<typeof activityOutcomeSchema>;

export const activityEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  user: z.string(),
  role: roleSchema.optional(),
  operation: activityOperationSchema,
  target: z.string(),
  outcome: activityOutcomeSchema,
  request_id: z.string(),
  error_code: z.string().optional(),
  workspace_id: z.string().optional(),
  /**
   * For permission saves: the switches before and after (the ones asked for while pending or
   * after a failure, the ones saved after a success).
   */
  before: z.record(z.string(), z.boolean()).optional(),
  after: z.record(z.string(), z.boolean()).optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ActivityEntry = z.infer<typeof activityEntrySchema>;

/** `GET /api/activity` (and `GET /api/activity.csv` with the same filters). */
export const listActivityQuerySchema = z.object({
  user: z.string().trim().max(64).optional(),
  operation: activityOperationSchema.optional(),
  resource: z.string().trim().max(128).optional(),
  outcome: activityOutcomeSchema.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type ListActivityQuery = z.infer<typeof listActivityQuerySchema>;

export const listActivityResultSchema = pagedResultSchema(activityEntrySchema);
export type ListActivityResult = z.infer<typeof listActivityResultSchema>;
