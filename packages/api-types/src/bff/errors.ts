import { z } from 'zod';

export const bffErrorCodes = [
  'validation_failed',
  'unauthenticated',
  'session_expired',
  'forbidden',
  'csrf_failed',
  'origin_rejected',
  'rate_limited',
  'invalid_credentials',
  'not_found',
  'method_not_allowed',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'upload_stalled',
  'upstream_error',
  'upstream_unreachable',
  'upstream_timeout',
  'upstream_contract',
  'service_unavailable',
  'internal',
] as const;
export const bffErrorCodeSchema = z.enum(bffErrorCodes);
export type BffErrorCode = z.infer<typeof bffErrorCodeSchema>;

/** What an upstream error said, kept whole whichever service's body shape it came in. */
export const upstreamErrorDetailSchema = z.object({
  status: z.number().int(),
  service: z.enum(['iam', 'insight', 'secmaster', 'roma']).optional(),
  code: z.string(),
  message: z.string(),
  details: z.string().optional(),
  request_id: z.string().optional(),
});
export type UpstreamErrorDetail = z.infer<typeof upstreamErrorDetailSchema>;

/** The one error shape of every BFF answer that is not a success. */
export const bffErrorSchema = z.object({
  error: z.object({
    code: bffErrorCodeSchema,
    message: z.string(),
    field: z.string().optional(),
    upstream: upstreamErrorDetailSchema.optional(),
  }),
  request_id: z.string(),
});
export type BffError = z.infer<typeof bffErrorSchema>;

export const requestIdHeader = 'x-request-id';
export const csrfHeader = 'x-csrf-token';
export const workspaceHeader = 'x-workspace-id';
