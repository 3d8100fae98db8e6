import { describe, expect, it } from 'vitest';
import { apiErrorFromResponse } from './api-error';

describe('apiErrorFromResponse', () => {
  it("keeps the BFF's Retry-After with the error", async () => {
    const body = JSON.stringify({
      error: { code: 'rate_limited', message: 'Too many failed sign-ins' },
      request_id: 'r-1',
    });
    const locked = await apiErrorFromResponse(new Response(body, { status: 429, headers: { 'retry-after': '300' } }));
    expect(locked).toMatchObject({ status: 429, code: 'rate_limited', requestId: 'r-1', retryAfterMs: 300_000 });
    expect((await apiErrorFromResponse(new Response(body, { status: 429 }))).retryAfterMs).toBeUndefined();
  });
});
