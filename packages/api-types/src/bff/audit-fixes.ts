import { z } from 'zod';
import { authSwitchConfigSchema, resourceTypeSchema } from '../domain';
import { auditIdSchema, auditRowErrorSchema } from './audits';

const ref = z.object({
  resource_type: resourceTypeSchema,
  resource_id: z.string().trim().min(1).max(128),
});

export const fixIdSchema = auditIdSchema;

/**
 * `POST /api/audits/:id/fix`: apply the policy to the selected rows. `dry_run` answers the plan
 * (every change, for the confirmation); the real run must name the policy version it confirmed.
 */
export const bulkFixRequestSchema = z.object({
  resources: z.array(ref).min(1).max(10_000),
  dry_run: z.boolean().default(false),
  policy_version: z.number().int().nonnegative().optional(),
});
export type BulkFixRequest = z.infer<typeof bulkFixRequestSchema>;

/** One save: the switches before and after (every switch of the type present). */
export const bulkFixChangeSchema = ref.extend({
  name: z.string().optional(),
  before: authSwitchConfigSchema,
  after: authSwitchConfigSchema,
  rule_ids: z.array(z.string()),
  /** The `update_date` the audit saw; the save refuses when the record changed since. */
  expected_update_date: z.number().int().optional(),
});
export type BulkFixChange = z.infer<typeof bulkFixChangeSchema>;

export const bulkFixSkipReasonSchema = z.enum(['not_in_audit', 'compliant', 'read_failed']);
export const bulkFixSkippedSchema = ref.extend({ reason: bulkFixSkipReasonSchema });
export type BulkFixSkipped = z.infer<typeof bulkFixSkippedSchema>;

export const bulkFixPlanSchema = z.object({
  audit_id: auditIdSchema,
  policy_version: z.number().int().nonnegative(),
  changes: z.array(bulkFixChangeSchema),
  skipped: z.array(bulkFixSkippedSchema),
});
export type BulkFixPlan = z.infer<typeof bulkFixPlanSchema>;

export const bulkFixOutcomeSchema = bulkFixChangeSchema.extend({
  status: z.enum(['succeeded', 'failed']),
  error: auditRowErrorSchema.optional(),
  /** The record's `update_date` after the save: what an undo expects to find. */
  result_update_date: z.number().int().optional(),
  /** The activity-log entry that records this save. */
  activity_id: z.string().optional(),
});
export type BulkFixOutcome = z.infer<typeof bulkFixOutcomeSchema>;

/** The report of a fix or of its undo (`kind: 'undo'`, `undo_of` = the fix). */
export const bulkFixResultSchema = z.object({
  id: fixIdSchema,
  audit_id: auditIdSchema,
  kind: z.enum(['fix', 'undo']),
  undo_of: fixIdSchema.optional(),
  policy_version: z.number().int().nonnegative(),
  run_by: z.string(),
  started_at: z.iso.datetime({ offset: true }),
  finished_at: z.iso.datetime({ offset: true }),
  succeeded: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  outcomes: z.array(bulkFixOutcomeSchema),
});
export type BulkFixResult = z.infer<typeof bulkFixResultSchema>;

/**
 * Where the fix's (or undo's) own record is when the answer leaves: `written`; `queued`, the
 * database away, kept and retried until it is back (until then the one-click undo cannot find
 * the fix); `lost`, not kept (the queue full, or the server stopping): its saves are in the
 * activity log, but it cannot be undone in one click.
 */
export const bulkFixRecordStateSchema = z.enum(['written', 'queued', 'lost']);
export type BulkFixRecordState = z.infer<typeof bulkFixRecordStateSchema>;

/** The answer of a fix or an undo that ran: its report, and where its record is. */
export const bulkFixAnswerSchema = bulkFixResultSchema.extend({ record: bulkFixRecordStateSchema });
export type BulkFixAnswer = z.infer<typeof bulkFixAnswerSchema>;

/** `POST /api/audits/fix/:fixId/undo`: undo every succeeded save of the fix, or those named. */
export const undoFixRequestSchema = z.object({
  resources: z.array(ref).min(1).max(10_000).optional(),
  dry_run: z.boolean().default(false),
});
export type UndoFixRequest = z.infer<typeof undoFixRequestSchema>;

export const fixIdParamSchema = z.object({ fixId: fixIdSchema });

/** The undo's `dry_run` answer: what is left to revert, for the confirmation. */
export const undoFixPlanSchema = z.object({
  fix_id: fixIdSchema,
  changes: z.array(bulkFixChangeSchema),
});
export type UndoFixPlan = z.infer<typeof undoFixPlanSchema>;
