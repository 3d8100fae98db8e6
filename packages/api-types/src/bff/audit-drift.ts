import { z } from 'zod';
import { permissionSwitchSchema, resourceTypeSchema } from '../domain';
import { auditIdSchema, auditRowSchema, auditSummarySchema } from './audits';

/** `GET /api/audits/drift?from&to` (and `/api/audits/drift/export.{csv,json}`). */
export const driftQuerySchema = z.object({ from: auditIdSchema, to: auditIdSchema });
export type DriftQuery = z.infer<typeof driftQuerySchema>;

/** One switch that changed between the two audits, with who changed it last and when. */
export const driftChangeSchema = z.object({
  resource_type: resourceTypeSchema,
  resource_id: z.string(),
  name: z.string().optional(),
  switch: permissionSwitchSchema,
  update_user_name: z.string().optional(),
  update_date: z.number().int().optional(),
});
export type DriftChange = z.infer<typeof driftChangeSchema>;

/** A resource present in one audit only, as that audit saw it. */
export const driftResourceSchema = auditRowSchema.pick({
  resource_type: true,
  resource_id: true,
  name: true,
  owner: true,
  switches: true,
  update_user_name: true,
  update_date: true,
});
export type DriftResource = z.infer<typeof driftResourceSchema>;

export const driftReportSchema = z.object({
  workspace_id: z.string(),
  project_id: z.string(),
  from: auditSummarySchema,
  to: auditSummarySchema,
  turned_on: z.array(driftChangeSchema),
  turned_off: z.array(driftChangeSchema),
  added: z.array(driftResourceSchema),
  gone: z.array(driftResourceSchema),
  /** In both audits but unreadable in at least one: cannot be compared. */
  not_compared: z.array(z.object({ resource_type: resourceTypeSchema, resource_id: z.string() })),
});
export type DriftReport = z.infer<typeof driftReportSchema>;
