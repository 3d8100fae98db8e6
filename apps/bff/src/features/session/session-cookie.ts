import type { Request, Response } from 'express';
import { parse, serialize } from 'cookie';

/**
 * The browser-BFF cookie profile: `__Host-` prefix (so no subdomain can plant or shadow it),
 * `Secure`, `HttpOnly`, `SameSite=Strict`, `Path=/`, no `Domain`.
 *
 * One exception, for development and tests only: a page reached over plain http on a loopback
 * host (localhost, 127.0.0.0/8, [::1]) with no https `PUBLIC_ORIGIN` gets `portico_session`
 * without `Secure`. Non-browser clients (supertest's and curl's cookie jars) never send a
 * `Secure` cookie over http, and the `__Host-` prefix demands `Secure`. Over plain http to any
 * other host the cookie stays `__Host-…; Secure`, so a browser refuses it: no session without TLS.
 */
export const secureSessionCookieName = '__Host-portico_session';
export const loopbackSessionCookieName = 'portico_session';

export interface SessionCookieProfile {
  name: string;
  secure: boolean;
}

const loopbackHost = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

function hostnameOf(host: string | undefined): string {
  if (!host) return '';
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] ?? '');
}

/** Which cookie this request's page holds: decided by what the browser sees (scheme and host). */
export function sessionCookieProfile(req: Request, publicOrigin?: string): SessionCookieProfile {
  const https = publicOrigin ? publicOrigin.startsWith('https:') : req.secure;
  if (https) return { name: secureSessionCookieName, secure: true };
  // Plain http: only a loopback host gets the development cookie (an https origin, the
  // production case, never parses a URL here).
  const host = publicOrigin ? new URL(publicOrigin).host : req.get('host');
  if (loopbackHost.test(hostnameOf(host))) return { name: loopbackSessionCookieName, secure: false };
  return { name: secureSessionCookieName, secure: true };
}

/** The session id the request's cookie names, read under this request's profile name only. */
export function sessionIdOf(req: Request, publicOrigin?: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  const id = parse(header)[sessionCookieProfile(req, publicOrigin).name];
  return id || undefined;
}

/** Sets the session cookie (an empty value with an epoch expiry clears it). */
export function setSessionCookie(req: Request, res: Response, value: string, expires: Date, publicOrigin?: string) {
  const { name, secure } = sessionCookieProfile(req, publicOrigin);
  res.append('set-cookie', serialize(name, value, { httpOnly: true, secure, sameSite: 'strict', path: '/', expires }));
}
