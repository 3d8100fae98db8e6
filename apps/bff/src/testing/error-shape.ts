import { bffErrorSchema, requestIdHeader, type BffError } from '@portico/api-types';
import { expect } from 'vitest';

interface AnsweredRequest {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  text?: string;
}

/**
 * Asserts a non-2xx answer is a 4xx in the one BFF error shape, its `request_id` the
 * `x-request-id` header, and (for `validation_failed`) a `field` that the message names.
 */
export function expectClientError(res: AnsweredRequest, context = ''): BffError {
  const where = `${context} → ${res.status} ${res.text?.slice(0, 300) ?? ''}`;
  expect(res.status, where).toBeGreaterThanOrEqual(400);
  expect(res.status, where).toBeLessThan(500);
  const parsed = bffErrorSchema.safeParse(res.body);
  expect(parsed.success, `${where}: not the error shape`).toBe(true);
  const body = parsed.data!;
  expect(body.request_id, where).toBe(res.headers[requestIdHeader]);
  if (body.error.code === 'validation_failed') {
    expect(body.error.field, `${where}: no field named`).toBeTruthy();
    expect(body.error.message, where).toContain(body.error.field);
  }
  return body;
}

/** Asserts an answer is a 502 in the one error shape, about `service`. */
export function expectBadGateway(res: AnsweredRequest, service: string, context = ''): BffError {
  const where = `${context} → ${res.status} ${res.text?.slice(0, 300) ?? ''}`;
  expect(res.status, where).toBe(502);
  const parsed = bffErrorSchema.safeParse(res.body);
  expect(parsed.success, `${where}: not the error shape`).toBe(true);
  const body = parsed.data!;
  expect(body.request_id, where).toBe(res.headers[requestIdHeader]);
  expect(body.error.upstream?.service, where).toBe(service);
  return body;
}
