import { randomBytes } from 'node:crypto';
import type { CallerIdentity } from '../context';
import type { IamState, IssuedToken } from './state';

/** Real IAM tokens are long opaque strings starting "MII"; length matters to header limits. */
export function newTokenString(): string {
  return `MII${randomBytes(768).toString('base64url')}`;
}

/** Drops expired tokens so the state file does not grow with every sign-in. */
export function pruneExpired(state: IamState, now: number): void {
  for (const [token, issued] of Object.entries(state.tokens)) {
    if (issued.expiresAt <= now) delete state.tokens[token];
  }
}

export type TokenCheck =
  { ok: true; caller: CallerIdentity; token: IssuedToken } | { ok: false; reason: 'missing' | 'unknown' | 'expired' };

/** The API gateway's view of `X-Auth-Token`. */
export function verifyToken(state: IamState, token: string | undefined, now: number): TokenCheck {
  if (!token) return { ok: false, reason: 'missing' };
  const issued = Object.hasOwn(state.tokens, token) ? state.tokens[token] : undefined;
  if (!issued) return { ok: false, reason: 'unknown' };
  if (issued.expiresAt <= now) return { ok: false, reason: 'expired' };
  const user = state.users.find((u) => u.id === issued.userId);
  const project = state.projects.find((p) => p.id === issued.projectId);
  if (!user || !user.enabled || !project) return { ok: false, reason: 'unknown' };
  return {
    ok: true,
    token: issued,
    caller: {
      userId: user.id,
      userName: user.name,
      domainId: state.domain.id,
      domainName: state.domain.name,
      projectId: project.id,
    },
  };
}

/** `2026-11-24T08:00:00.000000Z`: IAM prints microseconds. */
export function iamTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
