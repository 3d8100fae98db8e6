import { describe, expect, it } from 'vitest';
import { apiErrorFromResponse, retryAfterSeconds } from './api-error';

describe('retryAfterSeconds', () => {
  const now = Date.parse('2026-12-07T06:00:00Z');

  it('reads a number of seconds or an HTTP date, and nothing else', () => {
    expect(retryAfterSeconds('120', now)).toBe(120);
    expect(retryAfterSeconds(' 0 ', now)).toBe(0);
    expect(retryAfterSeconds('Mon, 07 Dec 2026 06:01:30 GMT', now)).toBe(90);
    expect(retryAfterSeconds('Mon, 07 Dec 2026 05:59:00 GMT', now)).toBe(0);
    expect(retryAfterSeconds(null, now)).toBeUndefined();
    expect(retryAfterSeconds('soon', now)).toBeUndefined();
    expect(retryAfterSeconds('-5', now)).toBeUndefined();
  });
});

describe('apiErrorFromResponse', () => {
  it("keeps the BFF's Retry-After with the error", async () => {
    const body = JSON.stringify({ error: { code: 'rate_limited', message: 'Too many failed sign-ins' }, request_id: 'r-1' });
    const locked = await apiErrorFromResponse(new Response(body, { status: 429, headers: { 'retry-after': '300' } }));
    expect(locked).toMatchObject({ status: 429, code: 'rate_limited', requestId: 'r-1', retryAfterSeconds: 300 });
    expect((await apiErrorFromResponse(new Response(body, { status: 429 }))).retryAfterSeconds).toBeUndefined();
  });
});
