import { z } from 'zod';
import { pagedResultSchema } from './paged-result';
import { authSwitchConfigSchema, permissionSwitchSchema, resourceTypeSchema } from '../domain';
import { bffErrorSchema, upstreamErrorDetailSchema } from './errors';
import { roleSchema } from './session';

/** Permission audits: sweep, policy, findings, drift, evidence, bulk fix (see docs/decisions). */

export const auditIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only');

const resourceId = z.string().trim().min(1).max(128);

/** One resource to audit: its type and ID (and what the list API told about it, if any). */
export const auditResourceRefSchema = z.object({
  resource_type: resourceTypeSchema,
  resource_id: resourceId,
  name: z.string().optional(),
  owner_name: z.string().optional(),
});
export type AuditResourceRef = z.infer<typeof auditResourceRefSchema>;

/** `POST /api/audits`: no `resource_types` = every type. */
export const startAuditRequestSchema = z.object({
  workspace_id: z.string().trim().min(1).max(128),
  resource_types: z.array(resourceTypeSchema).min(1).optional(),
  /** IDs for types with no list API (and any others the admin wants included). */
  extra_resources: z
    .array(z.object({ resource_type: resourceTypeSchema, resource_id: resourceId }))
    .max(10_000)
    .default([]),
});
export type StartAuditRequest = z.infer<typeof startAuditRequestSchema>;

// ---- policy --------------------------------------------------------------------------------

const ruleBase = {
  id: z.string().trim().min(1).max(64),
  resource_type: resourceTypeSchema,
  switch: permissionSwitchSchema,
  description: z.string().max(500).optional(),
};

export const policyRuleKinds = ['must_be_off', 'must_be_on', 'only_owners'] as const;
export const policyRuleKindSchema = z.enum(policyRuleKinds);
export type PolicyRuleKind = z.infer<typeof policyRuleKindSchema>;

/**
 * Rules may name any switch, not only those the provider lists for the type: stored records do
 * carry others (the provider's own dataset example has `read`), and a policy must catch them.
 * `must_be_off`: the switch must be off. `must_be_on`: it must be on. `only_owners`: it may be on
 * only when the resource's owner (user ID or name) is one of `owners`.
 */
export const policyRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('must_be_off'), ...ruleBase }),
  z.object({ kind: z.literal('must_be_on'), ...ruleBase }),
  z.object({
    kind: z.literal('only_owners'),
    ...ruleBase,
    owners: z.array(z.string().trim().min(1).max(128)).min(1).max(500),
  }),
]);
export type PolicyRule = z.infer<typeof policyRuleSchema>;

const rulesSchema = z
  .array(policyRuleSchema)
  .max(500)
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.forEach((r, i) => {
      if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: 'duplicate id' });
      seen.add(r.id);
    });
  });

/** `PUT /api/policy`: saves a new version; `expected_version` guards against lost updates. */
export const savePolicyRequestSchema = z.object({
  rules: rulesSchema,
  expected_version: z.number().int().nonnegative().optional(),
});
export type SavePolicyRequest = z.infer<typeof savePolicyRequestSchema>;

/** `GET /api/policy`: version 0 = no policy saved yet (no rules). */
export const policySchema = z.object({
  version: z.number().int().nonnegative(),
  rules: rulesSchema,
  saved_by: z.string().optional(),
  saved_at: z.iso.datetime({ offset: true }).optional(),
});
export type Policy = z.infer<typeof policySchema>;

export const findingSchema = z.object({
  rule_id: z.string(),
  kind: policyRuleKindSchema,
  switch: permissionSwitchSchema,
  message: z.string(),
});
export type Finding = z.infer<typeof findingSchema>;

// ---- rows and audits -----------------------------------------------------------------------

/** Why a read failed: the upstream's status, code, message and request id. */
export const auditRowErrorSchema = upstreamErrorDetailSchema;
export type AuditRowError = z.infer<typeof auditRowErrorSchema>;

export const complianceSchema = z.enum(['compliant', 'non_compliant', 'unknown']);
export type Compliance = z.infer<typeof complianceSchema>;

export const auditRowSchema = z.object({
  resource_type: resourceTypeSchema,
  resource_id: z.string(),
  name: z.string().optional(),
  /** The upstream record's `owner` (a user ID). */
  owner: z.string().optional(),
  owner_name: z.string().optional(),
  /** Effective switches: every switch of the type present, implications applied. */
  switches: authSwitchConfigSchema.optional(),
  update_user_name: z.string().optional(),
  update_date: z.number().int().optional(),
  status: z.enum(['ok', 'failed']),
  error: auditRowErrorSchema.optional(),
  /** `unknown` for failed reads: they cannot be judged. */
  compliance: complianceSchema,
  findings: z.array(findingSchema),
});
export type AuditRow = z.infer<typeof auditRowSchema>;

export const auditStatusSchema = z.enum(['running', 'finished', 'cancelled', 'failed']);
export type AuditStatus = z.infer<typeof auditStatusSchema>;

/** A type whose list API failed: its resources could not be enumerated. */
export const enumerationErrorSchema = z.object({
  resource_type: resourceTypeSchema,
  error: auditRowErrorSchema,
});
export type EnumerationError = z.infer<typeof enumerationErrorSchema>;

export const auditSummarySchema = z.object({
  id: auditIdSchema,
  workspace_id: z.string(),
  project_id: z.string(),
  run_by: z.string(),
  run_by_role: roleSchema.optional(),
  started_at: z.iso.datetime({ offset: true }),
  finished_at: z.iso.datetime({ offset: true }).optional(),
  status: auditStatusSchema,
  resource_types: z.array(resourceTypeSchema),
  /** The policy version the rows were judged against (0 = none). */
  policy_version: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  done: z.number().int().nonnegative(),
  failed_count: z.number().int().nonnegative(),
  non_compliant_count: z.number().int().nonnegative(),
  enumeration_errors: z.array(enumerationErrorSchema),
});
export type AuditSummary = z.infer<typeof auditSummarySchema>;

/** Per type: resources, failures, non-compliant rows and how many have each switch on. */
export const auditTypeCountsSchema = z.object({
  total: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  non_compliant: z.number().int().nonnegative(),
  switches_on: z.record(z.string(), z.number().int().nonnegative()),
});
export type AuditTypeCounts = z.infer<typeof auditTypeCountsSchema>;

/** `GET /api/audits/:id`. */
export const auditDetailSchema = auditSummarySchema.extend({
  counts: z.record(z.string(), auditTypeCountsSchema),
  rows: z.array(auditRowSchema),
});
export type AuditDetail = z.infer<typeof auditDetailSchema>;

/** `GET /api/audits?workspace_id&offset&limit`, newest first. */
export const listAuditsQuerySchema = z.object({
  workspace_id: z.string().trim().min(1).max(128).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListAuditsQuery = z.infer<typeof listAuditsQuerySchema>;

export const listAuditsResultSchema = pagedResultSchema(auditSummarySchema);
export type ListAuditsResult = z.infer<typeof listAuditsResultSchema>;

export const auditIdParamSchema = z.object({ id: auditIdSchema });

/** `POST /api/audits` answers `application/x-ndjson`: one of these per line. */
export const auditEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('started'),
    audit_id: auditIdSchema,
    total: z.number().int().nonnegative(),
    enumeration_errors: z.array(enumerationErrorSchema).optional(),
  }),
  z.object({ type: z.literal('row'), row: auditRowSchema }),
  z.object({
    type: z.literal('progress'),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
  }),
  z.object({ type: z.literal('finished'), audit: auditSummarySchema }),
  z.object({ type: z.literal('cancelled'), audit_id: auditIdSchema.optional() }),
  z.object({ type: z.literal('error'), error: bffErrorSchema.shape.error }),
]);
export type AuditEvent = z.infer<typeof auditEventSchema>;
export const auditEventContentType = 'application/x-ndjson';
