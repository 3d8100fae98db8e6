/**
 * Reads a `Retry-After` header (RFC 9110 §10.2.3: delay-seconds or an HTTP date) as a wait in
 * milliseconds from `now`. Anything unreadable is ignored: the caller's own backoff applies.
 * The BFF reads the upstreams' (a 429 or 503 paces an audit), the web app the BFF's (a sign-in
 * lockout says how long).
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP date names its weekday and month; a bare "-5" or "1.5" would parse as a year.
  const at = /[a-z]{3}/i.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(at)) return undefined;
  // A date already past means "now", not a negative wait.
  return Math.max(0, at - now);
}
