import type { AuditRowError } from '@portico/api-types';

/**
 * What the injected upstream functions throw. The BFF's `UpstreamError` is adapted to this shape;
 * anything else thrown (a socket error, a TypeError from fetch) counts as a network failure.
 */
export interface UpstreamFailure {
  status: number;
  code: string;
  message: string;
  request_id?: string;
  /** From a `Retry-After` header, in milliseconds. */
  retryAfterMs?: number;
}

/** Status used for failures that never got an HTTP answer. */
export const networkFailureStatus = 0;

export function isUpstreamFailure(e: unknown): e is UpstreamFailure {
  if (typeof e !== 'object' || e === null) return false;
  const o = e as Record<string, unknown>;
  return typeof o.status === 'number' && typeof o.code === 'string' && typeof o.message === 'string';
}

export function toUpstreamFailure(e: unknown): UpstreamFailure {
  if (isUpstreamFailure(e)) return e;
  const message = e instanceof Error ? e.message : String(e);
  return { status: networkFailureStatus, code: 'network_error', message };
}

/** 429, 5xx and network failures are worth another try; other 4xx are the caller's fault. */
export function isRetryable(f: UpstreamFailure): boolean {
  return f.status === 429 || f.status >= 500 || f.status === networkFailureStatus;
}

export function toRowError(f: UpstreamFailure): AuditRowError {
  return {
    status: f.status,
    code: f.code,
    message: f.message,
    ...(f.request_id ? { request_id: f.request_id } : {}),
  };
}

/** Builds an `Error` carrying the failure's fields (for adapters and tests). */
export function upstreamFailure(
  status: number,
  code: string,
  extra: Partial<Pick<UpstreamFailure, 'message' | 'request_id' | 'retryAfterMs'>> = {},
): Error & UpstreamFailure {
  const message = extra.message ?? `upstream answered ${status} ${code}`;
  return Object.assign(new Error(message), { status, code, ...extra, message });
}
