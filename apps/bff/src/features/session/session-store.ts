import { randomBytes } from 'node:crypto';
import type { Role, SessionUser } from '@portico/api-types';
import type { Database } from '../../db/database';

/** A signed-in user as the BFF keeps it; `token` never leaves the server. */
export interface ServerSession {
  id: string;
  user: SessionUser;
  roles: Role[];
  projectId: string;
  token: string;
  csrfToken: string;
  expiresAt: Date;
  lastSeenAt: Date;
}

interface Row {
  id: string;
  user_id: string;
  user_name: string;
  domain: string;
  roles: string[];
  project_id: string;
  token: string;
  csrf_token: string;
  expires_at: Date | string;
  last_seen_at: Date | string;
}

const fromRow = (r: Row): ServerSession => ({
  id: r.id,
  user: { id: r.user_id, name: r.user_name, domain: r.domain },
  roles: r.roles as Role[],
  projectId: r.project_id,
  token: r.token,
  csrfToken: r.csrf_token,
  expiresAt: new Date(r.expires_at),
  lastSeenAt: new Date(r.last_seen_at),
});

export const newSecret = () => randomBytes(32).toString('base64url');

export type LookupResult = { status: 'live'; session: ServerSession } | { status: 'expired' | 'idle' | 'missing' };

/**
 * Sessions in the database, so any replica can serve any user. On the embedded database, which
 * is this process's alone, a live session read is reused for up to a second (`cacheMs`): one
 * database read per API request was what capped a proxied request's rate (PGlite answers one
 * query at a time), and every sign-out goes through this process. On PostgreSQL, where another
 * replica may end a session, every lookup reads the row, so a sign-out anywhere is final at once.
 */
export function createSessionStore(db: Database, idleTimeoutMs: number, now: () => Date = () => new Date()) {
  const cacheMs = db.kind === 'pglite' ? Math.min(1000, idleTimeoutMs / 20) : 0;
  const cache = new Map<string, { session: ServerSession; until: number }>();
  const remember = (session: ServerSession, at: number) => {
    if (cache.size >= 10_000) for (const [k, v] of cache) if (v.until <= at) cache.delete(k);
    if (cache.size < 10_000) cache.set(session.id, { session, until: at + cacheMs });
  };
  return {
    async create(s: Omit<ServerSession, 'id' | 'csrfToken' | 'lastSeenAt'>): Promise<ServerSession> {
      const session: ServerSession = { ...s, id: newSecret(), csrfToken: newSecret(), lastSeenAt: now() };
      await db.query(
        `INSERT INTO sessions (id, user_id, user_name, domain, roles, project_id, token, csrf_token, expires_at, last_seen_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          session.id,
          s.user.id,
          s.user.name,
          s.user.domain,
          s.roles,
          s.projectId,
          s.token,
          session.csrfToken,
          s.expiresAt.toISOString(),
          session.lastSeenAt.toISOString(),
        ],
      );
      return session;
    },

    /** A live session (touching its idle clock), or why there is none; dead ones are deleted. */
    async lookup(id: string): Promise<LookupResult> {
      const hit = cache.get(id);
      const at = now();
      if (hit && at.getTime() < hit.until && hit.session.expiresAt > at)
        return { status: 'live', session: hit.session };
      cache.delete(id);
      const rows = await db.query<Row>('SELECT * FROM sessions WHERE id = $1', [id]);
      const row = rows[0];
      if (!row) return { status: 'missing' };
      const s = fromRow(row);
      const t = now();
      const status =
        s.expiresAt <= t ? 'expired' : t.getTime() - s.lastSeenAt.getTime() > idleTimeoutMs ? 'idle' : 'live';
      if (status !== 'live') {
        await db.query('DELETE FROM sessions WHERE id = $1', [id]);
        return { status };
      }
      // The idle clock is written at most once per twentieth of the idle timeout: a write on
      // every request was most of a proxied request's cost. A session may so idle out up to 5%
      // early, never late.
      if (t.getTime() - s.lastSeenAt.getTime() >= idleTimeoutMs / 20) {
        await db.query('UPDATE sessions SET last_seen_at = $2 WHERE id = $1', [id, t.toISOString()]);
        s.lastSeenAt = t;
      }
      remember(s, t.getTime());
      return { status: 'live', session: s };
    },

    async delete(id: string): Promise<void> {
      cache.delete(id);
      await db.query('DELETE FROM sessions WHERE id = $1', [id]);
    },

    async purgeExpired(): Promise<void> {
      await db.query('DELETE FROM sessions WHERE expires_at <= $1', [now().toISOString()]);
    },
  };
}
export type SessionStore = ReturnType<typeof createSessionStore>;
