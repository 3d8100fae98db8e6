import { sessionSchema, type Session } from '@portico/api-types';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiFetch, setCsrfToken } from '../../../lib/api-client';
import { ApiError } from '../../../lib/api-error';
import { sessionKeys } from './session-keys';

/** The signed-in session, or `null` when there is none (a 401 here is an answer, not a failure). */
export async function getSession(): Promise<Session | null> {
  try {
    const session = await apiFetch('/api/session', sessionSchema, { sessionEnd: 'ignore' });
    setCsrfToken(session.csrf_token);
    return session;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setCsrfToken(undefined);
      return null;
    }
    throw err;
  }
}

export const sessionQueryOptions = () =>
  queryOptions({ queryKey: sessionKeys.current(), queryFn: getSession, staleTime: 60_000 });

export const useSession = () => useQuery(sessionQueryOptions());
