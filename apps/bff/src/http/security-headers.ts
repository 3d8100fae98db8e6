import type { RequestHandler } from 'express';

/**
 * The built web app loads only its own script and style files (no inline script, no inline
 * `<style>`; React's `style` props go through the CSSOM, which CSP does not govern), so the
 * policy allows nothing inline.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

/** Headers of every response, API and web app alike. */
export function securityHeaders(options: { publicOrigin?: string }): RequestHandler {
  const httpsOrigin = options.publicOrigin?.startsWith('https:') ?? false;
  return (req, res, next) => {
    res.setHeader('content-security-policy', contentSecurityPolicy);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('x-frame-options', 'DENY');
    res.setHeader('cross-origin-opener-policy', 'same-origin');
    res.setHeader('cross-origin-resource-policy', 'same-origin');
    if (httpsOrigin || req.secure) res.setHeader('strict-transport-security', 'max-age=31536000; includeSubDomains');
    // Answers of the API are per user and may name secrets (the CSRF token): no cache keeps them.
    if (req.path === '/api' || req.path.startsWith('/api/')) res.setHeader('cache-control', 'no-store');
    next();
  };
}
