import { sessionSchema, type SignInRequest } from '@portico/api-types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch, setCsrfToken } from '../../../lib/api-client';
import { sessionKeys } from './session-keys';

export async function signIn(body: SignInRequest) {
  const session = await apiFetch('/api/session', sessionSchema, { method: 'POST', body, sessionEnd: 'ignore' });
  setCsrfToken(session.csrf_token);
  return session;
}

export function useSignIn() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: signIn,
    onSuccess: (session) => {
      // Whatever was cached belonged to the previous session.
      qc.clear();
      qc.setQueryData(sessionKeys.current(), session);
    },
  });
}
