import { z } from 'zod';

/** Dates in DataArts Insight bodies are epoch milliseconds. */
export const epochMillisSchema = z.number().int().nonnegative();

/** Every service answers with this header; the BFF relays it in its own errors. */
export const upstreamRequestIdHeader = 'x-request-id';

/** The API gateway's answer to a missing, wrong or expired token (401), shared by all services. */
export const apigwErrorSchema = z.looseObject({
  error_code: z.string(),
  error_msg: z.string(),
  request_id: z.string().optional(),
});
export type ApigwError = z.infer<typeof apigwErrorSchema>;

/** Query-string integers arrive as strings; bounds are the provider's. */
export const queryInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
