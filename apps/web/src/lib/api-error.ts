import { bffErrorSchema, parseRetryAfter, type BffErrorCode, type UpstreamErrorDetail } from '@portico/api-types';

/** Every failed BFF call becomes this, whatever the body looked like. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: BffErrorCode | 'network_error' | 'unexpected_response',
    message: string,
    readonly requestId?: string,
    readonly upstream?: UpstreamErrorDetail,
    readonly field?: string,
    /** The raw `error` object: a 409 conflict carries the current record in it. */
    readonly body?: Record<string, unknown>,
    /** From `Retry-After` (a 429 lockout, a 503): how long to wait, in milliseconds. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isSessionEnd(): boolean {
    return this.status === 401 && (this.code === 'session_expired' || this.code === 'unauthenticated');
  }
}

export async function apiErrorFromResponse(res: Response): Promise<ApiError> {
  const headerId = res.headers.get('x-request-id') ?? undefined;
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    json = undefined;
  }
  const parsed = bffErrorSchema.safeParse(json);
  if (!parsed.success) {
    return new ApiError(res.status, 'unexpected_response', `HTTP ${res.status}`, headerId);
  }
  const { error, request_id } = parsed.data;
  const raw = (json as { error: Record<string, unknown> }).error;
  const wait = parseRetryAfter(res.headers.get('retry-after'));
  return new ApiError(res.status, error.code, error.message, request_id, error.upstream, error.field, raw, wait);
}
