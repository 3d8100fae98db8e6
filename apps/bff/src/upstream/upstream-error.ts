import type { UpstreamErrorDetail } from '@portico/api-types';
import { HttpError } from '../http/http-error';

export type UpstreamService = 'iam' | 'insight' | 'secmaster' | 'roma';
/** `http`: the service answered an error; `contract`: its reply broke the spec. */
export type UpstreamFailureKind = 'http' | 'timeout' | 'unreachable' | 'contract' | 'aborted';

/** The one error every upstream call throws. */
export class UpstreamError extends Error {
  /**
   * From a 429/503 answer's `Retry-After`, in milliseconds: the audit sweep and bulk fix wait
   * this long before their next attempt (see `features/audits/retry.ts`).
   */
  retryAfterMs?: number;

  constructor(
    readonly kind: UpstreamFailureKind,
    readonly status: number,
    readonly service: UpstreamService,
    readonly code: string,
    message: string,
    readonly details?: string,
    readonly request_id?: string,
  ) {
    super(message);
    this.name = 'UpstreamError';
  }

  get detail(): UpstreamErrorDetail {
    return {
      status: this.status,
      service: this.service,
      code: this.code,
      message: this.message,
      ...(this.details !== undefined ? { details: this.details } : {}),
      ...(this.request_id !== undefined ? { request_id: this.request_id } : {}),
    };
  }
}

const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;

/** A non-JSON error body (a gateway's HTML page, say) as one short line of its text. */
function plainText(rawBody: string, status: number): string {
  const text = rawBody
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
  return text ? `HTTP ${status}: ${text}` : `HTTP ${status} with no error body`;
}

/**
 * Reads any of the three services' error bodies (`error_code/error_msg`, `code/message`,
 * `error_code/error_msg/error_details/request_id`) and IAM's `{error:{code,message}}`,
 * keeping every field. The `x-request-id` header stands in when the body names no request id.
 */
export function upstreamErrorFromBody(
  service: UpstreamService,
  status: number,
  rawBody: string,
  headerRequestId: string | undefined,
): UpstreamError {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(rawBody);
    if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
  } catch {
    // A non-JSON error body (e.g. a gateway HTML page) keeps its text as the message.
  }
  const nested = body.error && typeof body.error === 'object' ? (body.error as Record<string, unknown>) : undefined;
  const code = str(body.error_code) ?? str(body.code) ?? str(nested?.code) ?? `HTTP.${status}`;
  const message = str(body.error_msg) ?? str(body.message) ?? str(nested?.message) ?? plainText(rawBody, status);
  const details = str(body.error_details) ?? str(nested?.title);
  const requestId = str(body.request_id) ?? headerRequestId;
  return new UpstreamError('http', status, service, code, message, details, requestId);
}

/** How an upstream failure is answered to the browser. */
export function toHttpError(e: UpstreamError): HttpError {
  switch (e.kind) {
    case 'timeout':
      return new HttpError(504, 'upstream_timeout', `${e.service} did not answer in time`, undefined, e.detail);
    case 'unreachable':
      return new HttpError(502, 'upstream_unreachable', `${e.service} is unreachable`, undefined, e.detail);
    case 'contract':
      return new HttpError(502, 'upstream_contract', `${e.service} answered outside its spec`, undefined, e.detail);
    case 'aborted':
      return new HttpError(499, 'internal', 'Request cancelled', undefined, e.detail);
    case 'http':
      if (e.status >= 400 && e.status < 500) {
        return new HttpError(e.status, 'upstream_error', e.message, undefined, e.detail);
      }
      return new HttpError(502, 'upstream_error', e.message, undefined, e.detail);
  }
}
