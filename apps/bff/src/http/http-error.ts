import type { BffErrorCode, UpstreamErrorDetail } from '@portico/api-types';

/** An error the BFF answers in its one error shape; anything else becomes a 500 `internal`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: BffErrorCode,
    message: string,
    readonly field?: string,
    readonly upstream?: UpstreamErrorDetail,
    /** Extra members of the `error` object (e.g. `current` on a 409). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}
