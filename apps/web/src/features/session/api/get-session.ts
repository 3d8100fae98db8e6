import { sessionSchema, type Session } from '@portico/api-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, setCsrfToken } from '../../../lib/api-client';
import { ApiError } from '../../../lib/api-error';
import { sessionKeys } from './session-keys';

let endedSession = false;
/**
 * Whether the last "no session" answer said the browser's session had ended (expired or idle),
 * rather than that it never had one: the sign-in page then says why the user is there.
 */
export const sessionHasEnded = () => endedSession;

/** The signed-in session, or `null` when there is none (a 401 here is an answer, not a failure). */
export async function getSession(): Promise<Session | null> {
  try {
    const session = await apiFetch('/api/session', sessionSchema, { sessionEnd: 'ignore' });
    setCsrfToken(session.csrf_token);
    endedSession = false;
    return session;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setCsrfToken(undefined);
      endedSession = err.code === 'session_expired';
      return null;
    }
    throw err;
  }
}

export const sessionQueryOptions = () =>
  queryOptions({ queryKey: sessionKeys.current(), queryFn: getSession, staleTime: 60_000 });

export const useSession = () => useQuery(sessionQueryOptions());
