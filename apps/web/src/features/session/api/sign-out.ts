import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiFetch, setCsrfToken } from '../../../lib/api-client';
import { sessionKeys } from './session-keys';

export async function signOut(): Promise<void> {
  await apiFetch('/api/session', z.unknown(), { method: 'DELETE', sessionEnd: 'ignore' });
  setCsrfToken(undefined);
}

export function useSignOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: signOut,
    onSettled: () => {
      qc.clear();
      qc.setQueryData(sessionKeys.current(), null);
    },
  });
}
